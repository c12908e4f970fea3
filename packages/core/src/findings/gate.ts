import { SEVERITY_RANK, type Finding, type Severity } from '../types.js';

/** 1 when any finding is at or above the threshold, else 0; `none` never fails. */
export function exitCodeFor(findings: readonly Finding[], failOn: Severity | 'none'): 0 | 1 {
  if (failOn === 'none') return 0;
  return findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}
