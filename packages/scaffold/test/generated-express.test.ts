import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, generateProject } from '../src/index.js';
import { runTests, tempProjectDir, typecheck } from './helpers.js';
import { reviewFindings } from './review.js';

/**
 * The Express variant is tested as generated: the same domain, use cases and tests as the Fastify
 * template, with only the HTTP adapter swapped. CQRS on and queue off here, the opposite of the
 * default, so both sides of each option are exercised.
 */
describe('generated Express project', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, remove } = await tempProjectDir('express'));
    await generateProject({ targetDir: dir, name: 'ledger-api', framework: 'express', database: { kind: 'pglite' }, features: { cqrs: true, queue: false } });
  });
  afterAll(() => remove());

  it('has zero review findings', { timeout: 60_000 }, async () => {
    expect(await reviewFindings(dir)).toEqual([]);
  });

  // Own timeouts: the root vitest config's default is far shorter than a nested suite run.
  it('type-checks and passes the shared suite, with a generated module served by Express', { timeout: 300_000 }, async () => {
    // Generators are framework-neutral: their route tables mount on the Express adapter unchanged.
    await addToProject({ root: dir, kind: 'module', name: 'accounts' });
    const compiled = await typecheck(dir);
    expect(compiled.code, compiled.output).toBe(0);
    const tested = await runTests(dir);
    expect(tested.code, tested.output).toBe(0);
    expect(tested.output).toMatch(/Tests\s+\d+ passed/);
  });
});
