import type { PackageJson } from './package-json.js';

/** The parts of an npm lockfile (v3) entry the generator reads and writes. */
interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  link?: boolean;
  [field: string]: unknown;
}

export interface Lockfile {
  name: string;
  version?: string;
  lockfileVersion: 3;
  requires: true;
  packages: Record<string, LockEntry>;
}

/** Where `name` resolves from `location`, the way Node does: the nearest node_modules upwards. */
function resolveFrom(location: string, name: string, packages: Record<string, LockEntry>): string | undefined {
  for (let dir = location; ; dir = parentLocation(dir)) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
  }
}

function parentLocation(dir: string): string {
  const nested = dir.lastIndexOf('/node_modules/');
  if (nested !== -1) return dir.slice(0, nested); // node_modules/a/node_modules/b → node_modules/a
  if (dir.startsWith('node_modules/')) return ''; // node_modules/@scope/a → the root
  const slash = dir.lastIndexOf('/');
  return slash === -1 ? '' : dir.slice(0, slash); // templates/fastify → templates
}

/**
 * A lockfile for a generated project, cut from the repository's own: exactly the versions the
 * template's suites ran against in CI, so the project's `npm ci` (and its Dockerfile) installs what
 * was tested. Packages reachable only from devDependencies are marked `dev`, which is what
 * `npm ci --omit=dev` in the Dockerfile's runtime stage relies on.
 */
export function cutLockfile(pkg: PackageJson, repositoryLock: { packages: Record<string, LockEntry> }, workspace: string): Lockfile {
  const source = repositoryLock.packages;
  const reached = new Map<string, { dev: boolean }>();
  const missing: string[] = [];
  const visit = (from: string, names: Record<string, string> | undefined, dev: boolean, optional: boolean) => {
    for (const name of Object.keys(names ?? {})) {
      const path = resolveFrom(from, name, source);
      if (!path) {
        if (!optional) missing.push(name);
        continue;
      }
      const seen = reached.get(path);
      // Revisit only to upgrade a dev-only package to a runtime one.
      if (seen && (seen.dev === false || dev)) continue;
      reached.set(path, { dev });
      const entry = source[path]!;
      visit(path, entry.dependencies, dev, false);
      visit(path, entry.optionalDependencies, dev, true);
      const optionalPeers = entry.peerDependenciesMeta ?? {};
      visit(path, Object.fromEntries(Object.entries(entry.peerDependencies ?? {}).filter(([peer]) => !optionalPeers[peer]?.optional)), dev, true);
    }
  };
  visit(workspace, pkg.dependencies, false, false);
  visit(workspace, pkg.devDependencies, true, false);
  if (missing.length > 0) throw new Error(`The repository lockfile has no entry for ${[...new Set(missing)].join(', ')}; run npm install at the root`);

  const packages: Record<string, LockEntry> = {
    '': { name: pkg.name, version: pkg.version as string | undefined, dependencies: pkg.dependencies, devDependencies: pkg.devDependencies, engines: pkg.engines },
  };
  for (const path of [...reached.keys()].sort()) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = source[path]!;
    const target = path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path;
    packages[target] = reached.get(path)!.dev ? { ...entry, dev: true } : entry;
  }
  return { name: pkg.name, ...(typeof pkg.version === 'string' ? { version: pkg.version } : {}), lockfileVersion: 3, requires: true, packages };
}
