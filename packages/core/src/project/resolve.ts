import { createRequire, isBuiltin } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolverFactory } from 'oxc-resolver';
import { exportsTarget } from './package-exports.js';
import type { WorkspacePackage } from './workspaces.js';

/** A tsconfig that governs the importing file but could not be loaded (an `extends` not installed, a loop). */
export interface TsconfigProblem {
  /** Absolute path of the nearest tsconfig.json, or null when none was found. */
  tsconfig: string | null;
  reason: string;
}

export type Resolution = (
  | { kind: 'source'; path: string }
  | { kind: 'package'; name: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'asset' }
  | { kind: 'unresolved'; reason: string }
) & {
  /** Set when the answer was found without the file's tsconfig, because that tsconfig could not be loaded. */
  tsconfigProblem?: TsconfigProblem;
};

/** `./x`, `../x`, `.`, `..` or an absolute path; `.prisma/client` is a package (in node_modules/.prisma). */
export function isRelativeSpecifier(specifier: string): boolean {
  return /^\.\.?(\/|$)/.test(specifier) || specifier.startsWith('/');
}

export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const INDEX_FILES = SOURCE_EXTENSIONS.map((extension) => `${path.sep}index${extension}`);
const OUTPUT_EXTENSION = /\.(d\.ts|d\.mts|d\.cts|js|mjs|cjs|jsx)$/;
const BUILD_FOLDERS = ['dist', 'build', 'lib', 'out', 'esm', 'cjs'];

function matchesPathAlias(key: string, specifier: string): boolean {
  const star = key.indexOf('*');
  if (star === -1) return specifier === key;
  return specifier.startsWith(key.slice(0, star)) && specifier.endsWith(key.slice(star + 1));
}

export interface ResolverInput {
  sourceFiles: ReadonlySet<string>;
  workspaces: readonly WorkspacePackage[];
  /**
   * tsconfig `paths` keys: a failed bare import that matches one is a local import gone wrong.
   * A key with `*` matches by prefix (`@app/*` -> `@app/`), a key without matches exactly.
   */
  pathAliases: readonly string[];
  /** Answers kept from an earlier run with the same file layout; new answers are added to it. */
  memo?: Map<string, Resolution>;
}

/** oxc-resolver's failures to load a tsconfig: not found (an `extends` package not installed), invalid, circular. */
const TSCONFIG_FAILURE = /tsconfig/i;

/** The tsconfig.json nearest to a folder, walking up: the one a failed load most likely came from. */
function nearestTsconfigFinder(): (folder: string) => string | null {
  const memo = new Map<string, string | null>();
  const find = (folder: string): string | null => {
    if (memo.has(folder)) return memo.get(folder)!;
    const candidate = path.join(folder, 'tsconfig.json');
    const parent = path.dirname(folder);
    const found = existsSync(candidate) ? candidate : parent === folder ? null : find(parent);
    memo.set(folder, found);
    return found;
  };
  return find;
}

/**
 * The native resolver, loaded on first use: a warm run answers every specifier from the cached
 * resolutions and never needs it.
 */
function createResolverFactory(withTsconfig: boolean): ResolverFactory {
  const { ResolverFactory: Factory } = createRequire(import.meta.url)('oxc-resolver') as typeof import('oxc-resolver');
  return new Factory({
    ...(withTsconfig ? { tsconfig: 'auto' as const } : {}),
    conditionNames: ['node', 'import', 'require', 'default'],
    extensions: [...SOURCE_EXTENSIONS, '.json', '.node', '.d.ts'],
    extensionAlias: { '.js': ['.ts', '.tsx', '.js', '.jsx'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'], '.jsx': ['.tsx', '.jsx'] },
    mainFields: ['module', 'main'],
    builtinModules: true,
    symlinks: true,
  });
}

/**
 * Resolves module specifiers the way Node and TypeScript would, through oxc-resolver (tsconfig paths,
 * baseUrl and extends found per file, `.js` specifiers that name `.ts` sources, exports and imports
 * maps), then classifies the target: one of our source files, an external package, a builtin.
 */
export function createModuleResolver(input: ResolverInput): (fromFile: string, specifier: string) => Resolution {
  let factory: ResolverFactory | undefined;
  // Without any tsconfig, for files whose tsconfig cannot be loaded: the TypeScript extension rules
  // (`./app.js` naming `app.ts`) are resolver options, so they still apply.
  let plainFactory: ResolverFactory | undefined;
  const nearestTsconfig = nearestTsconfigFinder();
  const workspacesByName = new Map(input.workspaces.map((workspace) => [workspace.name, workspace]));

  const toSourceFile = (candidate: string): string | null => {
    if (input.sourceFiles.has(candidate)) return candidate;
    const stem = candidate.replace(OUTPUT_EXTENSION, '');
    for (const extension of SOURCE_EXTENSIONS) if (input.sourceFiles.has(stem + extension)) return stem + extension;
    // `stem` is an absolute, normalised path: appending the index file is what path.join would give, without normalising it again.
    for (const index of INDEX_FILES) if (input.sourceFiles.has(stem + index)) return stem + index;
    return null;
  };

  /**
   * A file of a workspace package, possibly in its build output, mapped back to the source it came
   * from: `dist/index.js`, `dist/cjs/index.js` or `build/esm/utils/index.js` -> the `src/` file.
   * Kept per target: the same one comes back for every folder that imports the package, and maps to
   * the same source each time (novu, not installed: 1,205 asks for 29 targets).
   */
  const workspaceSources = new Map<string, string | null>();
  const workspaceSource = (workspace: WorkspacePackage, file: string): string | null => {
    const key = `${workspace.directory}\0${file}`;
    let source = workspaceSources.get(key);
    if (source === undefined) workspaceSources.set(key, (source = mapWorkspaceSource(workspace, file)));
    return source;
  };
  const mapWorkspaceSource = (workspace: WorkspacePackage, file: string): string | null => {
    const direct = toSourceFile(file);
    if (direct) return direct;
    const inside = path.relative(workspace.directory, file).split(path.sep);
    if (!BUILD_FOLDERS.includes(inside[0]!)) return null;
    // Output folders often nest a format folder (dist/cjs, dist/esm): drop up to two levels.
    for (let skip = 1; skip <= Math.min(3, inside.length - 1); skip++) {
      for (const sourceFolder of ['src', 'lib', '.']) {
        const mapped = toSourceFile(path.join(workspace.directory, sourceFolder, ...inside.slice(skip)));
        if (mapped) return mapped;
      }
    }
    return null;
  };

  const workspaceOf = (file: string): WorkspacePackage | undefined =>
    input.workspaces.find((workspace) => file.startsWith(workspace.directory + path.sep));

  // Resolution depends on the importing file's folder, not the file: siblings share their answers.
  const memo = input.memo ?? new Map<string, Resolution>();
  const resolveUncached = (fromFile: string, specifier: string): Resolution => {
    if (isBuiltin(specifier) && !specifier.startsWith('.')) return { kind: 'builtin', name: specifier.replace(/^node:/, '') };
    factory ??= createResolverFactory(true);
    let result = factory.resolveFileSync(fromFile, specifier);
    if (result.error && TSCONFIG_FAILURE.test(result.error)) {
      plainFactory ??= createResolverFactory(false);
      const problem = { tsconfig: nearestTsconfig(path.dirname(fromFile)), reason: result.error };
      result = plainFactory.resolveFileSync(fromFile, specifier);
      return { ...classify(result, specifier), tsconfigProblem: problem };
    }
    return classify(result, specifier);
  };

  /** The resolver's answer as Strata sees it: one of our sources, a package, a builtin, an asset, or nothing. */
  const classify = (result: ReturnType<ResolverFactory['resolveFileSync']>, specifier: string): Resolution => {
    const isRelative = isRelativeSpecifier(specifier);
    const workspace = isRelative ? undefined : workspacesByName.get(packageNameOf(specifier));
    if (result.builtin) return { kind: 'builtin', name: result.builtin.resolved.replace(/^node:/, '') };
    if (result.path) {
      const resolved = result.path;
      const source = toSourceFile(resolved);
      if (source) return { kind: 'source', path: source };
      const owner = workspaceOf(resolved);
      if (owner) {
        const mapped = workspaceSource(owner, resolved);
        if (mapped) return { kind: 'source', path: mapped };
      }
      if (resolved.includes(`${path.sep}node_modules${path.sep}`)) return { kind: 'package', name: packageNameOf(specifier) };
      if (!SOURCE_EXTENSIONS.some((extension) => resolved.endsWith(extension))) return { kind: 'asset' };
      return owner ? { kind: 'package', name: owner.name } : { kind: 'asset' };
    }
    if (workspace) {
      const subpath = specifier.slice(workspace.name.length + 1);
      const target = exportsTarget(workspace.manifest, subpath);
      if (!target) return { kind: 'unresolved', reason: `workspace package ${workspace.name} does not export "${subpath || '.'}"` };
      const mapped = workspaceSource(workspace, path.join(workspace.directory, target));
      // An export with no source behind it is build or code-generated output that a fresh clone
      // lacks: the dependency on the package is real, so keep it as a package edge.
      return mapped ? { kind: 'source', path: mapped } : { kind: 'package', name: workspace.name };
    }
    if (isRelative) return { kind: 'unresolved', reason: 'no such file' };
    if (specifier.startsWith('#')) return { kind: 'unresolved', reason: 'no matching package.json "imports" entry' };
    if (input.pathAliases.some((key) => matchesPathAlias(key, specifier))) {
      return { kind: 'unresolved', reason: 'matches a tsconfig "paths" alias but no file' };
    }
    // A bare name that does not resolve is a dependency that is not installed (a fresh clone): still a package.
    return { kind: 'package', name: packageNameOf(specifier) };
  };

  // Calls come grouped by importing file: remember its folder instead of recomputing it per import.
  let lastFile = '';
  let lastFolder = '';
  return (fromFile, specifier) => {
    if (fromFile !== lastFile) {
      lastFile = fromFile;
      lastFolder = path.dirname(fromFile);
    }
    const key = `${lastFolder}\0${specifier}`;
    let resolution = memo.get(key);
    if (!resolution) {
      resolution = resolveUncached(fromFile, specifier);
      memo.set(key, resolution);
    }
    return resolution;
  };
}
