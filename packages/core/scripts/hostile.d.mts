export interface HostileTotals {
  runs: number;
  inputs: number;
  findings: number;
  parseErrors: number;
  peakMb: number;
  kinds: Record<string, number>;
  failures: { seed: number; problem: string }[];
}
export declare function runHostile(options: { runs: number; files: number; seed: number; hugeMb: number; timeoutMs?: number; log?: (line: string) => void }): Promise<HostileTotals>;
