export interface HostileTotals {
  runs: number;
  inputs: number;
  findings: number;
  parseErrors: number;
  peakMb: number;
  kinds: Record<string, number>;
  failures: { seed: number; problem: string }[];
}
export declare const DEFAULT_MAX_RSS_MB: number;
export interface ReviewRun {
  code: number | null;
  signal: string | null;
  timedOut?: boolean;
  stdout: string;
  stderr: string;
  peakMb: number;
}
export declare function judge(run: ReviewRun, maxRssMb?: number): { problem: string } | { findings: number; parseErrors: number; files: number };
export declare function runHostile(options: { runs: number; files: number; seed: number; hugeMb: number; timeoutMs?: number; maxRssMb?: number; log?: (line: string) => void }): Promise<HostileTotals>;
