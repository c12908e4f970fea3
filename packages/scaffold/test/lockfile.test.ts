import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR, generateProject, type Framework } from '../src/index.js';
import { cutPackedLockfile, PACKED_LOCKFILE } from '../src/template-lockfile.js';
import { askedFor, REPO_ROOT, tempProjectDir } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function generated(framework: Framework, templatesDir?: string) {
  const { dir, remove } = await tempProjectDir(`lock-${framework}`);
  cleanups.push(remove);
  await generateProject({ targetDir: dir, name: 'locked-api', framework, database: { kind: 'pglite' }, features: { cqrs: false, queue: true }, ...(templatesDir ? { templatesDir } : {}) });
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8'));
  return { dir, pkg, lock };
}

describe('the generated lockfile', () => {
  it.each(['fastify', 'express'] as const)('covers every dependency of a %s project, and marks dev-only packages', async (framework) => {
    const { pkg, lock } = await generated(framework);
    expect(lock).toMatchObject({ name: 'locked-api', lockfileVersion: 3 });
    expect(lock.packages['']).toMatchObject({ dependencies: pkg.dependencies, devDependencies: pkg.devDependencies });
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toEqual(expect.any(String));
    }
    expect(lock.packages['node_modules/vitest'].dev).toBe(true);
    expect(lock.packages['node_modules/pg'].dev).toBeUndefined();
    const other = framework === 'fastify' ? 'express' : 'fastify';
    expect(lock.packages[`node_modules/${other}`]).toBeUndefined();
  });

  it.each(['fastify', 'express'] as const)('is the same from the lockfile the package carries as from the repository one (%s)', async (framework) => {
    // The published package has templates/ and no repository lockfile beside it: only templates/lockfile.json.
    const packed = await mkdtemp(join(tmpdir(), 'strata-packed-templates-'));
    cleanups.push(() => rm(packed, { recursive: true, force: true }));
    const templatesDir = join(packed, 'templates');
    await cp(DEFAULT_TEMPLATES_DIR, templatesDir, { recursive: true, filter: (source) => !/[\\/](node_modules|dist|\.data|\.tmp)$/.test(source) });
    const repositoryLock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8'));
    await writeFile(join(templatesDir, PACKED_LOCKFILE), JSON.stringify(await cutPackedLockfile(templatesDir, repositoryLock)));
    const fromPackage = await generated(framework, templatesDir);
    const fromRepository = await generated(framework);
    expect(Object.keys(fromPackage.lock.packages).length).toBeGreaterThan(100);
    expect(fromPackage.lock).toEqual(fromRepository.lock);
  });

  // The Dockerfile's own commands, on a copy outside the repository; needs the npm registry.
  const NPM_CI = 'installs with npm ci --omit=dev, as the Dockerfile does';
  it.runIf(askedFor('STRATA_NPM_CI', `the generated lockfile ${NPM_CI}`, 'npm run test:services'))(NPM_CI, { timeout: 300_000 }, async () => {
    const { dir } = await generated('fastify');
    const outside = await mkdtemp(join(tmpdir(), 'strata-npm-ci-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    await cp(dir, outside, { recursive: true });
    const outcome = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: outside, timeout: 280_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
      ),
    );
    expect(outcome.code, outcome.output).toBe(0);
    expect(existsSync(join(outside, 'node_modules/fastify/package.json'))).toBe(true);
    expect(existsSync(join(outside, 'node_modules/vitest'))).toBe(false);
  });
});
