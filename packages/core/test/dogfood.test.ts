import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe("Strata's own review", () => {
  it('the repository passes its own review at error level, with its own layering in strata.config.json', async () => {
    const result = await analyze({ root: repositoryRoot, cache: false });
    const errors = result.findings.filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`)).toEqual([]);
    // The self-check is only meaningful if our own layers were recognised.
    expect(result.layers.layers.find((layer) => layer.name === 'reporters')?.files).toBeGreaterThan(3);
  });

  it('the packages pass the review with no config at all', async () => {
    const result = await analyze({ root: `${repositoryRoot}packages`, cache: false });
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
