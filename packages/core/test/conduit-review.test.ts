import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';

// The reference service is reviewed from the repository's suite, so Conduit itself depends on nothing of Strata's.
const conduitRoot = fileURLToPath(new URL('../../../examples/conduit', import.meta.url));

describe('strata review examples/conduit', () => {
  it('reports zero findings', async () => {
    const result = await analyze({ root: conduitRoot, cache: false });
    const findings = result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`);
    expect(findings).toEqual([]);
    // Guard against a vacuous pass: the engine must actually have read the service's sources.
    expect(result.stats.parsed + result.stats.cached).toBeGreaterThan(100);
    expect(result.graph.cycles).toEqual([]);
  }, 60_000);
});
