import { SEVERITIES, SEVERITY_RANK, type AnalysisResult, type Severity } from '@strata/core/api';

const NOUNS: Record<Severity, [string, string]> = { error: ['error', 'errors'], warn: ['warning', 'warnings'], info: ['info', 'info'] };
const plural = (count: number, severity: Severity): string => `${count} ${NOUNS[severity][count === 1 ? 0 : 1]}`;

/**
 * Why the gate failed, in one line: the counts at or above the threshold, where the threshold came
 * from, and what sits below it or in the baseline (so a reader sees what else the report holds).
 */
export function gateFailure(result: AnalysisResult, failOn: Severity, source: '--fail-on' | 'config'): string {
  const counts = new Map<Severity, number>(SEVERITIES.map((severity) => [severity, 0]));
  for (const finding of result.findings) counts.set(finding.severity, counts.get(finding.severity)! + 1);
  const part = (failing: boolean) =>
    SEVERITIES.filter((severity) => SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn] === failing && counts.get(severity)! > 0).map((severity) =>
      plural(counts.get(severity)!, severity),
    );
  const threshold = source === '--fail-on' ? `--fail-on ${failOn}` : `failOn "${failOn}" (config or default)`;
  const below = part(false);
  const extra = [below.length > 0 ? `${below.join(', ')} below it` : '', result.baselined ? `${result.baselined} in the baseline` : ''].filter(Boolean);
  return `Gate failed: ${part(true).join(', ')} at or above ${threshold}${extra.length > 0 ? `; ${extra.join(', ')}` : ''}.`;
}
