import { analyze, type Finding } from '@strata/core';

/** One line per finding, so a failing zero-findings assertion says exactly what to fix. */
export async function reviewFindings(root: string): Promise<string[]> {
  const result = await analyze({ root });
  return result.findings.map((finding: Finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`);
}
