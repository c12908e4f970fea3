// Normalises Strata's and dependency-cruiser's JSON output to local (file → file) edge sets relative to
// the analysed root, compares them, and sorts every disagreement into a group with a cause.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The engine's JSONC reader (the bench needs the build, as it runs it): a tsconfig parsed one way only.
import { parseJsonc } from '../../packages/core/dist/project/json.js';

const key = (from, to) => `${from}\0${to}`;
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const slash = (p) => p.split(path.sep).join('/');

/** Strata's `review --format json`: graph ids are already relative to the analysed root. */
export function strataGraph(result) {
  const sources = new Set(result.graph.modules.filter((m) => m.kind === 'source').map((m) => m.id));
  const localEdges = new Map();
  const bySpecifier = new Map(); // from\0specifier -> [edge]
  for (const edge of result.graph.edges) {
    const list = bySpecifier.get(key(edge.from, edge.specifier)) ?? [];
    list.push(edge);
    bySpecifier.set(key(edge.from, edge.specifier), list);
    if (!sources.has(edge.to)) continue;
    const k = key(edge.from, edge.to);
    const records = localEdges.get(k) ?? [];
    records.push(edge);
    localEdges.set(k, records);
  }
  const unresolved = new Map(result.graph.unresolved.map((u) => [key(u.from, u.specifier), u]));
  return { tool: 'strata', sources, sourceModules: sources.size, localEdges, bySpecifier, unresolved, totalEdges: result.graph.edges.length };
}

/**
 * dependency-cruiser's JSON: `source` and `resolved` are relative to the directory it ran in (the
 * analysed root). Local = a module that is neither a builtin, nor unresolvable, nor inside node_modules
 * or outside the root.
 */
export function dependencyCruiserGraph(result, root) {
  const normal = (p) => slash(path.relative(root, path.resolve(root, p)));
  const isLocal = (m) => !m.coreModule && !m.couldNotResolve && !m.source.split('/').includes('node_modules') && !normal(m.source).startsWith('..');
  const local = result.modules.filter(isLocal);
  const sources = new Set(local.map((m) => normal(m.source)));
  const localEdges = new Map();
  const bySpecifier = new Map();
  let totalEdges = 0;
  for (const m of local) {
    const from = normal(m.source);
    for (const dep of m.dependencies) {
      totalEdges++;
      const list = bySpecifier.get(key(from, dep.module)) ?? [];
      list.push(dep);
      bySpecifier.set(key(from, dep.module), list);
      if (dep.couldNotResolve || dep.coreModule) continue;
      const to = normal(dep.resolved);
      if (!sources.has(to)) continue;
      const k = key(from, to);
      const records = localEdges.get(k) ?? [];
      records.push(dep);
      localEdges.set(k, records);
    }
  }
  return { tool: 'dependency-cruiser', sources, sourceModules: [...sources].filter((f) => SOURCE_FILE.test(f)).length, localEdges, bySpecifier, totalEdges };
}

/** The root's npm/yarn workspace packages by name (one level of `dir/*` patterns is enough here). */
function workspacePackages(root) {
  const names = new Map();
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return names;
  }
  const patterns = Array.isArray(manifest.workspaces) ? manifest.workspaces : manifest.workspaces?.packages ?? [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    const dirs = [];
    if (pattern.endsWith('/*')) {
      const base = path.join(root, pattern.slice(0, -2));
      if (existsSync(base)) for (const entry of readdirSync(base, { withFileTypes: true })) if (entry.isDirectory()) dirs.push(path.join(base, entry.name));
    } else dirs.push(path.join(root, pattern));
    for (const dir of dirs) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        if (typeof manifest.name === 'string') names.set(manifest.name, { dir: slash(path.relative(root, dir)), manifest });
      } catch {
        // not a package
      }
    }
  }
  return names;
}

/** A JSON file that may hold comments and trailing commas (tsconfig), or null: read as the engine reads one. */
function readJsonc(file) {
  try {
    return parseJsonc(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Where each of a workspace's tsconfig files sends its output and takes its sources from: `outDir` and
 * `rootDir` as written, relative to the root, each from the file that sets it (following relative
 * `extends` inside the repository). This is how `tsc` maps a build file back to its source.
 */
function buildLayouts(root, workspaceDir) {
  const layouts = [];
  const dir = path.join(root, workspaceDir);
  let names = [];
  try {
    names = readdirSync(dir).filter((name) => /^tsconfig.*\.json$/.test(name));
  } catch {
    return layouts;
  }
  for (const name of names) {
    let outDir = null;
    let rootDir = null;
    for (let file = path.join(dir, name), depth = 0; file && depth < 5 && (outDir === null || rootDir === null); depth++) {
      const config = readJsonc(file);
      if (!config) break;
      const options = config.compilerOptions ?? {};
      if (outDir === null && typeof options.outDir === 'string') outDir = slash(path.relative(root, path.resolve(path.dirname(file), options.outDir)));
      if (rootDir === null && typeof options.rootDir === 'string') rootDir = slash(path.relative(root, path.resolve(path.dirname(file), options.rootDir)));
      const parent = typeof config.extends === 'string' && config.extends.startsWith('.') ? path.resolve(path.dirname(file), config.extends) : null;
      file = parent && !parent.endsWith('.json') ? `${parent}.json` : parent;
    }
    if (outDir !== null) layouts.push({ outDir, rootDir: rootDir ?? slash(path.join(workspaceDir, 'src')) });
  }
  return layouts;
}

/**
 * An independent oracle for a workspace import: the file named by the package's `exports` (or `main`)
 * entry for the subpath, mapped back to its source the way the workspace's own tsconfig builds it
 * (`outDir` -> `rootDir`), or, failing that, with the build folder read as src/. Only a mapped file
 * that exists is an answer: a bundler's output (tsup, rollup) names files no tsconfig maps, and then
 * the oracle has nothing to check strata against (`exists: false`).
 */
function expectedWorkspaceSource(root, workspace, specifier, name) {
  const subpath = specifier === name ? '.' : `.${specifier.slice(name.length)}`;
  // The runtime entry first: `types` may name a declaration file written apart from the build.
  const pick = (value) => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      for (const condition of ['source', 'import', 'node', 'require', 'default', 'types']) {
        const picked = condition in value ? pick(value[condition]) : null;
        if (picked) return picked;
      }
    }
    return null;
  };
  const { exports: exportsField, main } = workspace.manifest;
  let target = null;
  if (exportsField !== undefined) {
    const isMap = exportsField && typeof exportsField === 'object' && Object.keys(exportsField).some((k) => k.startsWith('.'));
    target = isMap ? pick(exportsField[subpath]) : subpath === '.' ? pick(exportsField) : null;
  } else target = subpath === '.' ? main ?? './index.js' : subpath;
  if (!target) return null;
  const built = slash(path.join(workspace.dir, path.posix.normalize(target)));
  const stem = (file) => file.replace(/\.d\.[cm]?[jt]s$|\.[cm]?js$/, '');
  const candidates = [];
  for (const { outDir, rootDir } of buildLayouts(root, workspace.dir)) {
    if (built.startsWith(`${outDir}/`)) candidates.push(stem(`${rootDir}/${built.slice(outDir.length + 1)}`));
  }
  candidates.push(stem(`${workspace.dir}/${path.posix.normalize(target).replace(/^(\.\/)?(dist|build|lib|out)\//, 'src/')}`));
  for (const candidate of candidates) {
    for (const extension of ['.ts', '.tsx', '.mts', '.cts', '.js']) {
      if (existsSync(path.join(root, candidate + extension))) return { file: candidate + extension, exists: true };
    }
  }
  return { file: `${candidates.at(-1)}.ts`, exists: false };
}

const packageNameOf = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};
const isBare = (specifier) => !specifier.startsWith('.') && !specifier.startsWith('/');

// Folders Strata's discovery skips by design (packages/core/src/project/ignore.ts), used only to name the cause.
const SKIP_REASONS = {
  fixtures: 'test fixtures are sample inputs, often deliberately broken',
  __fixtures__: 'test fixtures are sample inputs, often deliberately broken',
  dist: 'build output', build: 'build output', out: 'build output', coverage: 'coverage output',
  generated: 'generated code', __generated__: 'generated code', '.generated': 'generated code',
  vendor: 'vendored code', vendors: 'vendored code', third_party: 'vendored code', node_modules: 'dependencies',
  tmp: 'scratch files', '.tmp': 'scratch files',
};
function skippedFolderOf(file) {
  return file.split('/').slice(0, -1).find((segment) => segment in SKIP_REASONS) ?? null;
}

const TOOL_LIMIT_DC = 'tool limit: dependency-cruiser';
const STRATA_BUG = 'possible strata bug: check';

const GROUPS = {
  'ws-unresolved': {
    side: 'strata only', verdict: TOOL_LIMIT_DC,
    title: 'workspace package imported by name (resolved to dist vs src)',
    why: "no node_modules link exists in this checkout and the package's exports/main point at an unbuilt dist/: dependency-cruiser cannot resolve it; strata maps the import to the package's source in src/, and every edge listed was checked to land on the existing source the exports/main entry is built from (through the workspace's tsconfig outDir -> rootDir, or dist/x.js -> src/x.ts).",
  },
  'ws-unexpected': {
    side: 'strata only', verdict: STRATA_BUG,
    title: 'workspace package imported by name, strata target differs from the source of the exports entry',
    why: "dependency-cruiser cannot resolve it (no node_modules, dist/ not built) and strata's target is not the existing source file the package's exports/main entry is built from (through the workspace's tsconfig outDir/rootDir, or dist/ read as src/).",
  },
  'ws-unverified': {
    side: 'strata only', verdict: null,
    title: 'workspace package imported by name, entry built by a bundler (no source to check against)',
    why: "dependency-cruiser cannot resolve it (no node_modules, dist/ not built), and the package's exports/main entry maps to no existing source through its tsconfig or dist/ -> src/ (a tsup or rollup build names its own output): strata's target is not checked here.",
  },
  'dc-unresolved': {
    side: 'strata only', verdict: null,
    title: 'dependency-cruiser could not resolve the specifier',
    why: 'dependency-cruiser marks the import couldNotResolve while strata finds a source file: check the specifier by hand.',
  },
  'dc-resolved-elsewhere': {
    side: 'both, different targets', verdict: null,
    title: 'the tools resolve the same specifier to different files',
    why: 'each tool picked a different file for the same import: check which one TypeScript would pick.',
  },
  'dc-missing-file': {
    side: 'strata only', verdict: null,
    title: 'importing file not cruised by dependency-cruiser',
    why: "dependency-cruiser did not analyse this file (excluded folder or an extension it does not scan).",
  },
  'strata-missing-file': {
    side: 'dependency-cruiser only', verdict: null,
    title: 'importing file not analysed by strata',
    why: "strata's discovery skipped this file (.gitignore, a skipped folder such as dist/ or generated/, or a declaration file).",
  },
  'strata-missing-target': {
    side: 'dependency-cruiser only', verdict: null,
    title: 'target file not analysed by strata',
    why: "the imported file is outside strata's analysed set (.gitignore, a skipped folder, a declaration file): strata cannot draw an edge to it.",
  },
  'strata-asset-target': {
    side: 'dependency-cruiser only', verdict: null,
    title: 'import of a non-source file (JSON, assets)',
    why: 'strata resolves the specifier but, by design, draws edges only between source modules (a .json import is an asset); dependency-cruiser lists the JSON file as a module.',
  },
  'strata-unresolved': {
    side: 'dependency-cruiser only', verdict: STRATA_BUG,
    title: 'strata reports the import as unresolved',
    why: 'dependency-cruiser resolves the specifier to a local file; strata lists it under graph.unresolved.',
  },
  'strata-elsewhere': {
    side: 'dependency-cruiser only', verdict: STRATA_BUG,
    title: 'strata resolves the specifier to something else (a package or another file)',
    why: 'dependency-cruiser resolves to a local file; strata gives another target.',
  },
};

function noDependencyGroup(kind) {
  const reasons = {
    'type-only': 'a type-only import or re-export that dependency-cruiser does not report (even with tsPreCompilationDeps).',
    'dynamic-import': 'a literal import() that dependency-cruiser does not report.',
    require: 'a require() that dependency-cruiser does not report.',
    're-export': 'a re-export that dependency-cruiser does not report.',
    import: 'a static import that dependency-cruiser does not report.',
  };
  return { side: 'strata only', verdict: null, title: `${kind} reference not reported by dependency-cruiser`, why: reasons[kind] ?? `a ${kind} reference dependency-cruiser does not report.` };
}

function strataMissesGroup(types) {
  return { side: 'dependency-cruiser only', verdict: STRATA_BUG, title: `import not collected by strata (dependency-cruiser: ${types})`, why: 'dependency-cruiser finds this reference in the source; strata has no edge, package or unresolved entry for it.' };
}

export function compareEdges(strata, dc, root) {
  const workspaces = workspacePackages(root);
  const groups = new Map();
  const put = (id, spec, edge) => {
    if (!groups.has(id)) groups.set(id, { id, ...spec, edges: [] });
    groups.get(id).edges.push(edge);
  };
  let both = 0;
  for (const k of strata.localEdges.keys()) if (dc.localEdges.has(k)) both++;
  const strataOnly = [...strata.localEdges.keys()].filter((k) => !dc.localEdges.has(k));
  const dcOnly = [...dc.localEdges.keys()].filter((k) => !strata.localEdges.has(k));

  for (const k of strataOnly) {
    const [from, to] = k.split('\0');
    const edge = strata.localEdges.get(k)[0];
    const base = { from, to, specifier: edge.specifier, kind: edge.kind };
    if (!dc.sources.has(from)) {
      put('dc-missing-file', GROUPS['dc-missing-file'], { ...base, detail: `${to} (strata ${edge.kind})` });
      continue;
    }
    const deps = dc.bySpecifier.get(key(from, edge.specifier));
    if (!deps) {
      put(`dc-no-dep-${edge.kind}`, noDependencyGroup(edge.kind), { ...base, detail: `${to} (strata ${edge.kind})` });
      continue;
    }
    const dep = deps[0];
    if (dep.couldNotResolve) {
      const name = isBare(edge.specifier) ? packageNameOf(edge.specifier) : null;
      if (name && workspaces.has(name)) {
        const expected = expectedWorkspaceSource(root, workspaces.get(name), edge.specifier, name);
        if (expected?.exists && expected.file === to) put('ws-unresolved', GROUPS['ws-unresolved'], { ...base, detail: `${to} (dependency-cruiser: couldNotResolve)` });
        else if (expected?.exists) put('ws-unexpected', GROUPS['ws-unexpected'], { ...base, detail: `strata: ${to}; the package's exports/main entry, mapped back to its source: ${expected.file}` });
        else put('ws-unverified', GROUPS['ws-unverified'], { ...base, detail: `strata: ${to}; the exports/main entry maps to no existing source (${expected?.file ?? 'no entry for the subpath'})` });
      }
      else put('dc-unresolved', GROUPS['dc-unresolved'], { ...base, detail: `${to} (dependency-cruiser: couldNotResolve)` });
      continue;
    }
    put('dc-resolved-elsewhere', GROUPS['dc-resolved-elsewhere'], { ...base, detail: `strata: ${to}; dependency-cruiser: ${dep.resolved}` });
  }

  for (const k of dcOnly) {
    const [from, to] = k.split('\0');
    const dep = dc.localEdges.get(k)[0];
    const base = { from, to, specifier: dep.module, kind: dep.dependencyTypes.join(',') };
    if (strata.sources.has(from) && !SOURCE_FILE.test(to)) {
      put('strata-asset-target', GROUPS['strata-asset-target'], { ...base, detail: to });
      continue;
    }
    if (!strata.sources.has(from) || !strata.sources.has(to)) {
      const which = !strata.sources.has(from) ? 'strata-missing-file' : 'strata-missing-target';
      const file = which === 'strata-missing-file' ? from : to;
      const folder = skippedFolderOf(file);
      const spec = GROUPS[which];
      put(`${which}:${folder ?? ''}`, folder ? { ...spec, title: `${spec.title}: inside a ${folder}/ folder`, why: `strata skips ${folder}/ folders by design (${SKIP_REASONS[folder] ?? 'not the team\'s own source'}).` } : spec, { ...base, detail: to });
      continue;
    }
    const unresolved = strata.unresolved.get(key(from, dep.module));
    if (unresolved) {
      put('strata-unresolved', GROUPS['strata-unresolved'], { ...base, detail: `expected ${to}; strata: unresolved (${unresolved.reason})` });
      continue;
    }
    const edges = strata.bySpecifier.get(key(from, dep.module));
    if (edges) {
      // Already counted if strata resolved the same specifier to another local file (that pair is in strataOnly).
      put('strata-elsewhere', GROUPS['strata-elsewhere'], { ...base, detail: `expected ${to}; strata: ${edges.map((e) => e.to).join(', ')}` });
      continue;
    }
    put(`strata-no-import-${dep.dependencyTypes.join(',')}`, strataMissesGroup(dep.dependencyTypes.join(',')), { ...base, detail: `expected ${to}` });
  }

  const union = both + strataOnly.length + dcOnly.length;
  const sorted = [...groups.values()].sort((a, b) => b.edges.length - a.edges.length);
  const dcLimited = sorted.filter((g) => g.verdict === TOOL_LIMIT_DC).reduce((n, g) => n + g.edges.length, 0);
  return {
    both,
    union,
    strataOnly: strataOnly.length,
    dcOnly: dcOnly.length,
    agreement: union === 0 ? 1 : both / union,
    explainedByDcLimits: dcLimited ? { both, union: union - dcLimited, agreement: union - dcLimited === 0 ? 1 : both / (union - dcLimited) } : null,
    groups: sorted,
  };
}

/** Strongly connected components (iterative Tarjan) of the runtime local edges: type-only edges are erased at run time. */
export function runtimeComponents(strata) {
  const successors = new Map();
  for (const [k, records] of strata.localEdges) {
    if (records.every((r) => r.kind === 'type-only')) continue;
    const [from, to] = k.split('\0');
    if (!successors.has(from)) successors.set(from, []);
    successors.get(from).push(to);
  }
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const componentOf = new Map();
  for (const start of successors.keys()) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = successors.get(frame[0]) ?? [];
      if (frame[1] < targets.length) {
        const target = targets[frame[1]++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) low.set(frame[0], Math.min(low.get(frame[0]), index.get(target)));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1][0], Math.min(low.get(work[work.length - 1][0]), low.get(frame[0])));
      if (low.get(frame[0]) === index.get(frame[0])) {
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          componentOf.set(member, frame[0]);
        } while (member !== frame[0]);
      }
    }
  }
  return { componentOf, successors };
}
