import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exists, readJson } from './fs-utils.js';
import { cutLockfile, type Lockfile } from './lockfile.js';
import { OVERLAY_MANIFEST, readOverlayManifest } from './manifest.js';
import type { PackageJson } from './package-json.js';
import { BASE_TEMPLATE } from './paths.js';

/**
 * The lockfile the published package carries in its templates/ folder. npm pack leaves out a
 * package-lock.json, and the repository's lockfile is not in the package, so `npm run pack:cli`
 * cuts this one from it: every package any generated project can depend on, at the versions CI tested.
 */
export const PACKED_LOCKFILE = 'lockfile.json';

/** A lockfile to cut generated projects' lockfiles from, and the folder their package.json sits at in it. */
export interface TemplatesLockfile {
  lock: Lockfile;
  workspace: string;
}

/** In the repository: its own lockfile beside templates/. In the package: the packed one inside templates/. */
export async function readTemplatesLockfile(templatesDir: string): Promise<TemplatesLockfile | undefined> {
  const repository = join(templatesDir, '..', 'package-lock.json');
  if (await exists(repository)) return { lock: await readJson<Lockfile>(repository), workspace: `templates/${BASE_TEMPLATE}` };
  const packed = join(templatesDir, PACKED_LOCKFILE);
  if (await exists(packed)) return { lock: await readJson<Lockfile>(packed), workspace: '' };
  return undefined;
}

/**
 * The packed lockfile: the repository's entries reachable from the base template's dependencies and
 * from every framework overlay's, so any combination of framework and features can be cut from it.
 */
export async function cutPackedLockfile(templatesDir: string, repositoryLock: Lockfile): Promise<Lockfile> {
  const base = await readJson<PackageJson>(join(templatesDir, BASE_TEMPLATE, 'package.json'));
  const dependencies = { ...base.dependencies };
  const devDependencies = { ...base.devDependencies };
  for (const entry of await readdir(templatesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !(await exists(join(templatesDir, entry.name, OVERLAY_MANIFEST)))) continue;
    const overlay = await readOverlayManifest(join(templatesDir, entry.name));
    Object.assign(dependencies, overlay.dependencies);
    Object.assign(devDependencies, overlay.devDependencies);
  }
  const union: PackageJson = { name: 'strata-templates', scripts: {}, dependencies, devDependencies };
  return cutLockfile(union, repositoryLock, `templates/${BASE_TEMPLATE}`);
}
