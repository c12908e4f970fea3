import path from 'node:path';
import type { ProjectModel } from './model.js';

/** The version range a manifest declares for a package, in any dependency field. */
function declaredRange(manifest: Record<string, unknown>, name: string): string | null {
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const range = (manifest[field] as Record<string, unknown> | undefined)?.[name];
    if (typeof range === 'string') return range;
  }
  return null;
}

/** The lowest version a range admits, and whether every version it admits keeps that major. */
export interface DeclaredVersion {
  range: string;
  major: number;
  minor: number;
  patch: number;
  /** `^1.2.3`, `~1.2.3`, `1.2.3`, `=1.2.3`, `1.x`: the major cannot move. `>=1.2.3` and the like can. */
  fixedMajor: boolean;
}

/**
 * The manifests that declare `name`, deepest folder first (in manifest order within a depth), kept per
 * manifest list: rules ask once per route or call, and a monorepo has a hundred manifests to scan.
 */
const declaring = new WeakMap<ProjectModel['manifests'], Map<string, { dir: string; range: string }[]>>();

function declaringManifests(manifests: ProjectModel['manifests'], name: string): { dir: string; range: string }[] {
  let byName = declaring.get(manifests);
  if (!byName) declaring.set(manifests, (byName = new Map()));
  let owners = byName.get(name);
  if (!owners) {
    owners = manifests
      .map((entry) => ({ dir: path.posix.dirname(entry.file), range: declaredRange(entry.manifest, name) }))
      .filter((entry): entry is { dir: string; range: string } => entry.range !== null)
      .sort((a, b) => b.dir.length - a.dir.length);
    byName.set(name, owners);
  }
  return owners;
}

/**
 * The version of a package a file runs with, as the nearest package.json that declares it says
 * (`^8.5.1` → 8.5.1 with its major fixed, `5.0.0-beta.3` → 5.0.0), or null when no manifest says or
 * the range names no version (`latest`, `*`, a git URL, `workspace:*`).
 */
export function declaredVersion(file: string, manifests: ProjectModel['manifests'], name: string): DeclaredVersion | null {
  const range = declaringManifests(manifests, name).find((entry) => entry.dir === '.' || file.startsWith(`${entry.dir}/`))?.range.trim();
  if (range === undefined) return null;
  const match = /^(\^|~|=|v|>=|>|<=|<)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(range);
  if (!match) return null;
  const number = (text: string | undefined) => (text === undefined || !/^\d+$/.test(text) ? 0 : Number(text));
  const operator = match[1] ?? '';
  return { range, major: Number(match[2]), minor: number(match[3]), patch: number(match[4]), fixedMajor: !/[<>]/.test(operator) && !/\|\||\s-\s/.test(range) };
}

/** Whether a declared version is certainly below `major.minor.patch` (every version the range admits is). */
export function certainlyBelow(version: DeclaredVersion | null, major: number, minor = 0, patch = 0): boolean {
  if (!version?.fixedMajor) return false;
  if (version.major !== major) return version.major < major;
  // Same major: a caret or tilde range may float above the lower bound, an exact one does not.
  if (/^[\^~]/.test(version.range)) return false;
  return version.minor < minor || (version.minor === minor && version.patch < patch);
}
