import type { AnalysisResult } from '../types.js';

export interface ReporterOptions {
  /** ANSI colours; the CLI turns them off for NO_COLOR and when not writing to a terminal. */
  color?: boolean;
  /** Show every occurrence instead of the first few per rule. */
  verbose?: boolean;
  /**
   * The text of a file named relative to the analysed root, or undefined when it cannot be read.
   * Reporters that show code excerpts (HTML) call it; the caller does the reading, so reporters stay pure.
   */
  readSource?: (file: string) => string | undefined;
  /** Where rule pages live (a URL or path ending in `/`): a finding then links to `<docsBase><rule-id>.md`. */
  docsBase?: string;
  /** A rule's page as Markdown (docs/rules/<id>.md), or undefined: the HTML report embeds the pages of the rules it shows. */
  ruleDoc?: (ruleId: string) => string | undefined;
}

/** Reporters are pure: a result in, text out. They never analyse and never print. */
export type Reporter = (result: AnalysisResult, options?: ReporterOptions) => string;
