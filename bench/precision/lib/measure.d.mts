// Types of measure.mjs, for the TypeScript tests that call it directly.

export declare const PRECISION_TARGET: number;

export interface ListedFinding {
  fingerprint: string;
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}

export interface RepoRecord {
  name: string;
  kind: string;
  files: number;
  findings: number;
  true: number;
  debatable: number;
  false: number;
  unjudged: number;
  shareTrue: number | null;
  parseErrors: number;
  parseErrorsOnLegalCode: number;
  frontendFindings: number;
  frontends: { detected: string[]; reasons: Record<string, string>; declared: string[]; undetected: string[] };
  durationMs: number;
  unjudgedFindings: ListedFinding[];
  notTrueFindings: (ListedFinding & { verdict: 'debatable' | 'false'; reason: string })[];
  frontendFindingList: ListedFinding[];
  stale: { fingerprint: string; verdict: string; rule?: string; file?: string; reason?: string }[];
}

export interface Judgment {
  verdict: 'true' | 'debatable' | 'false' | '';
  rule?: string;
  file?: string;
  reason?: string;
}

/** The slice of an AnalysisResult the measurement reads. */
export interface MeasuredResult {
  findings?: { ruleId: string; severity: string; file: string; line: number; message: string; fingerprint: string }[];
  context?: { frontends?: unknown };
  stats?: { files: number };
}

export declare function detectedFrontends(context: unknown): string[];
export declare function frontendEntries(context: unknown): { folder: string; reason?: string }[];
export declare function inFolder(file: string, folder: string): boolean;
export declare function measureRepo(
  entry: { name: string; kind: string; frontends?: string[] },
  result: MeasuredResult,
  judgments?: Record<string, Judgment>,
  durationMs?: number,
): RepoRecord;
export declare function summarise(
  records: RepoRecord[],
  failed?: { name: string; error: string }[],
): {
  totals: Record<string, number | null>;
  targets: Record<'precision' | 'parseErrors' | 'frontends' | 'complete', { met: boolean } & Record<string, unknown>>;
  allMet: boolean;
};
