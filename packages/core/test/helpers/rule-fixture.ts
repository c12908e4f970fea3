import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/analyze.js';
import type { AnalysisResult, Finding } from '../../src/types.js';

export interface FixtureRun {
  result: AnalysisResult;
  /** The findings of the rule under test. */
  findings: Finding[];
  /** Those findings as `file:line:column message`, the form the rule tests assert on. */
  lines: string[];
  /** The layer of every source file (null when it has none). */
  layerOf: Record<string, string | null>;
}

/** Runs the whole pipeline on `rules/<id>/fixtures/<scenario>` of the calling rule test, without a cache. */
export async function runFixture(testFileUrl: string, ruleId: string, scenario: string): Promise<FixtureRun> {
  const root = path.join(fileURLToPath(new URL('./fixtures/', testFileUrl)), scenario);
  const result = await analyze({ root, cache: false });
  const findings = result.findings.filter((finding) => finding.ruleId === ruleId);
  return {
    result,
    findings,
    lines: findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message}`),
    layerOf: Object.fromEntries(result.graph.modules.filter((node) => node.kind === 'source').map((node) => [node.id, node.layer ?? null])),
  };
}
