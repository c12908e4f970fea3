import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, generateProject } from '../src/index.js';
import { runTests, tempProjectDir, typecheck } from './helpers.js';
import { reviewFindings } from './review.js';

/**
 * The default `strata new` (Fastify, PGlite, queue on, CQRS off), then every `strata add`
 * generator: the project must still type-check, pass its own suite and pass `strata review`.
 */
describe('generated Fastify project with every generator applied', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, remove } = await tempProjectDir('fastify'));
    await generateProject({ targetDir: dir, name: 'orders-api', framework: 'fastify', database: { kind: 'pglite' }, features: { cqrs: false, queue: true } });
  });
  afterAll(() => remove());

  it('has zero review findings as generated', { timeout: 60_000 }, async () => {
    expect(await reviewFindings(dir)).toEqual([]);
  });

  // Own timeouts: the root vitest config's default is far shorter than a nested suite run.
  it('type-checks and passes its tests after adding a module, entity, value object, use case, repository and route', { timeout: 300_000 }, async () => {
    await addToProject({ root: dir, kind: 'module', name: 'projects' });
    await addToProject({ root: dir, kind: 'entity', name: 'milestone', module: 'projects' });
    await addToProject({ root: dir, kind: 'value-object', name: 'priority', module: 'projects' });
    await addToProject({ root: dir, kind: 'use-case', name: 'archive-project', module: 'projects' });
    await addToProject({ root: dir, kind: 'repository', name: 'audit-entry', module: 'projects' });
    await addToProject({ root: dir, kind: 'route', name: 'project-report', module: 'projects', method: 'GET' });

    const compiled = await typecheck(dir);
    expect(compiled.code, compiled.output).toBe(0);
    const tested = await runTests(dir);
    expect(tested.code, tested.output).toBe(0);
    expect(tested.output).toMatch(/Tests\s+\d+ passed/);
    // On the embedded defaults, the suites that need PostgreSQL and Redis are left out and the run says which.
    const services = [process.env.DATABASE_URL ? '' : 'DATABASE_URL', process.env.REDIS_URL ? '' : 'REDIS_URL'].filter(Boolean).join(' and ');
    if (services) expect(tested.output).toContain(`Not run here: tracing of SQL and Redis commands (needs ${services}; \`npm run test:ci\` runs it).`);
    expect(await reviewFindings(dir)).toEqual([]);
  });
});
