import type { AnalysisResult } from '../types.js';

export interface ReporterOptions {
  /** ANSI colours; the CLI turns them off for NO_COLOR and when not writing to a terminal. */
  color?: boolean;
  /** Show every occurrence instead of the first few per rule. */
  verbose?: boolean;
}

/** Reporters are pure: a result in, text out. They never analyse and never print. */
export type Reporter = (result: AnalysisResult, options?: ReporterOptions) => string;
