import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '@strata/core';
import { describe, expect, it } from 'vitest';

const exampleRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('strata review examples/conduit', () => {
  it('strata review reports zero findings', async () => {
    const result = await analyze({ root: exampleRoot, cache: false });
    const findings = result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`);
    expect(findings).toEqual([]);
    // Guard against a vacuous pass: the engine must actually have read the service's sources.
    expect(result.stats.parsed + result.stats.cached).toBeGreaterThan(100);
    expect(result.graph.cycles).toEqual([]);
  }, 60_000);
});
