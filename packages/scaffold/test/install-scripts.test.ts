import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR, FRAMEWORKS, generateProject } from '../src/index.js';
import type { Lockfile } from '../src/lockfile.js';
import { cutPackedLockfile } from '../src/template-lockfile.js';
import { REPO_ROOT, tempProjectDir } from './helpers.js';

/**
 * npm 11 runs a dependency's install script only when package.json's allowScripts names it, and
 * ends every install with a warning listing the ones it does not name. None of ours needs its script
 * (esbuild and msgpackr-extract get their binaries from optional platform packages; protobufjs's only
 * checks versions), so each is denied by name: `npm ci` here and in a generated service stays quiet,
 * and a new dependency with an install script fails this test until someone decides about it.
 */
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

function withInstallScripts(lock: Lockfile): string[] {
  const names = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript === true)
    .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));
  return [...new Set(names)].sort();
}

describe('install scripts', () => {
  it("the repository's allowScripts decides every package with one in its lockfile, and nothing else", async () => {
    const root = await readJson<{ allowScripts?: Record<string, boolean> }>(join(REPO_ROOT, 'package.json'));
    const lock = await readJson<Lockfile>(join(REPO_ROOT, 'package-lock.json'));
    expect(withInstallScripts(lock).length).toBeGreaterThan(0);
    expect(Object.keys(root.allowScripts ?? {}).sort()).toEqual(withInstallScripts(lock));
  });

  it.each(FRAMEWORKS)("a generated %s service's allowScripts decides every package with one that any framework can install", async (framework) => {
    const { dir, remove } = await tempProjectDir(`scripts-${framework}`);
    try {
      await generateProject({ targetDir: dir, framework, database: { kind: 'pglite' }, features: { cqrs: true, queue: true } });
      const generated = await readJson<{ allowScripts?: Record<string, boolean> }>(join(dir, 'package.json'));
      const lock = await cutPackedLockfile(DEFAULT_TEMPLATES_DIR, await readJson<Lockfile>(join(REPO_ROOT, 'package-lock.json')));
      expect(Object.keys(generated.allowScripts ?? {}).sort()).toEqual(withInstallScripts(lock));
    } finally {
      await remove();
    }
  });

  it('are not decided in the template workspace, where npm ignores allowScripts and warns that it does', async () => {
    const template = await readJson<{ allowScripts?: unknown }>(join(DEFAULT_TEMPLATES_DIR, 'fastify/package.json'));
    expect(template.allowScripts).toBeUndefined();
  });
});
