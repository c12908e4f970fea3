import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../src/index.js';
import { askedFor, runFaults, tempProjectDir } from './helpers.js';

/**
 * The template's fault suite runs on Fastify; here it runs on a generated Express project, so
 * the guarantees its README states hold for the framework the user picked. Part of
 * `npm run test:faults` (needs PostgreSQL and Redis).
 */
const SUITE = 'generated Express project under faults';
describe.runIf(askedFor('STRATA_FAULTS', SUITE, 'npm run test:faults'))(SUITE, () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, remove } = await tempProjectDir('express-faults'));
    await generateProject({ targetDir: dir, name: 'faulty-api', framework: 'express', database: { kind: 'pglite' }, features: { cqrs: false, queue: true } });
  });
  afterAll(() => remove());

  it('keeps every promise: database and Redis cuts, SIGTERM under load, the OpenAPI fuzzer', { timeout: 320_000 }, async () => {
    const env = {
      DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      FUZZ_INPUTS: process.env.FUZZ_INPUTS ?? '2000',
    };
    const outcome = await runFaults(dir, env);
    // The figures the suite prints, shown in this run's output too.
    process.stdout.write(`${outcome.output.split('\n').filter((line) => /^(faults|openapi fuzz):/.test(line)).map((line) => `express ${line}`).join('\n')}\n`);
    expect(outcome.code, outcome.output.slice(-3_000)).toBe(0);
    expect(outcome.output).toMatch(/Tests\s+\d+ passed/);
  });
});
