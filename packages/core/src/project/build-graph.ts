import path from 'node:path';
import type { LayerModel } from '../layers/classify.js';
import { featureOf } from '../layers/classify.js';
import type { DependencyGraph, Edge, GraphNotice, ModuleNode, UnresolvedImport } from '../types.js';
import { cyclesOf, runtimeSuccessors, stronglyConnectedComponents } from './cycles.js';
import type { FileAnalysis } from './file-analysis.js';
import { toRelative } from './paths.js';
import { isRelativeSpecifier, type Resolution } from './resolve.js';

/**
 * The specifiers of a TypeScript file whose imports survive compilation: for `load-order` as the
 * compiler emits them (decorator metadata included), for `code` as the code itself uses them.
 */
export type ValueImportsOf = (relative: string, purpose: 'load-order' | 'code') => ReadonlyMap<string, ReadonlySet<string> | 'all'> | null;

/** Turns every file's imports into graph edges, resolving each specifier once per importing file. */
export function buildGraph(
  root: string,
  files: ReadonlyMap<string, FileAnalysis>,
  resolve: (fromFile: string, specifier: string) => Resolution,
  layers: LayerModel,
  /** Paths the repository generates (.gitignore'd, build output): their absence is expected. */
  isGeneratedPath: (relative: string) => boolean = () => false,
  /** For a TypeScript file, the specifiers whose imports survive compilation (null: keep them all). */
  valueImportsOf?: ValueImportsOf,
  /**
   * Files whose imports were resolved already, the answers in the order of their imports: taken as
   * they are instead of asked again (each ask builds and hashes a key: 16 ms of novu's graph).
   */
  resolvedImports?: ReadonlyMap<string, readonly Resolution[]>,
): DependencyGraph {
  const modules = new Map<string, ModuleNode>();
  const edges: Edge[] = [];
  const unresolved: UnresolvedImport[] = [];
  const tsconfigProblems = new Map<string, { reason: string; imports: number; example: UnresolvedImport }>();
  const generated: UnresolvedImport[] = [];
  const contractPackages = typesOnlyPackages(files, layers);
  for (const [relative, analysis] of files) {
    // Barrels take their layer from what they forward to, once the edges are known (below).
    // A slice's wiring file (constructs and exports) is neither a layer nor a violation when imported;
    // nor is a package that only declares types (a contracts package shared by every side).
    const unplaced =
      analysis.facts.barrel || ((analysis.facts.composition || contractPackages.has(layers.packageOf(relative))) && !layers.explicitLayerOf(relative));
    const layer = unplaced ? undefined : layers.layerOf(relative);
    const feature = featureOf(relative);
    modules.set(relative, { id: relative, kind: 'source', ...(layer ? { layer } : {}), ...(feature ? { feature } : {}) });
  }
  const importNames = new Map<Edge, string[] | undefined>();
  const reExportsOf = new Map<string, { target: string; exported: string; imported: string }[]>();
  for (const [relative, analysis] of files) {
    const absolute = `${root}${path.sep}${relative}`;
    const seen = new Map<string, Edge>();
    const resolved = resolvedImports?.get(relative);
    for (let index = 0; index < analysis.imports.length; index++) {
      const entry = analysis.imports[index]!;
      const resolution = resolved?.[index] ?? resolve(absolute, entry.specifier);
      if (resolution.tsconfigProblem) {
        const key = resolution.tsconfigProblem.tsconfig ?? '';
        const known = tsconfigProblems.get(key);
        if (known) known.imports++;
        else tsconfigProblems.set(key, { reason: resolution.tsconfigProblem.reason, imports: 1, example: { from: relative, specifier: entry.specifier, line: entry.line, column: entry.column, reason: '' } });
      }
      let target: string;
      if (resolution.kind === 'source') target = toRelative(root, resolution.path);
      else if (resolution.kind === 'package') target = `npm:${resolution.name}`;
      else if (resolution.kind === 'builtin') target = `node:${resolution.name}`;
      else if (resolution.kind === 'asset') continue;
      else {
        const missing = { from: relative, specifier: entry.specifier, line: entry.line, column: entry.column, reason: resolution.reason };
        const isLocal = isRelativeSpecifier(entry.specifier);
        if (isLocal && isGeneratedPath(path.posix.normalize(path.posix.join(path.posix.dirname(relative), entry.specifier)))) generated.push(missing);
        else unresolved.push(missing);
        continue;
      }
      if (!modules.has(target)) modules.set(target, { id: target, kind: resolution.kind === 'source' ? 'source' : resolution.kind });
      if (entry.reExports && resolution.kind === 'source') {
        const list = reExportsOf.get(relative) ?? [];
        for (const reExport of entry.reExports) list.push({ target, ...reExport });
        reExportsOf.set(relative, list);
      }
      // One edge per target and kind: a file importing the same module twice depends on it once.
      const key = `${target}\0${entry.kind}`;
      const existing = seen.get(key);
      if (existing) {
        const known = importNames.get(existing);
        importNames.set(existing, known && entry.names ? [...known, ...entry.names] : undefined);
        continue;
      }
      const edge: Edge = { from: relative, to: target, kind: entry.kind, specifier: entry.specifier, line: entry.line, column: entry.column };
      seen.set(key, edge);
      importNames.set(edge, entry.names);
      edges.push(edge);
    }
  }
  const definerOf = createDefinerLookup(files, reExportsOf);
  for (const edge of edges) {
    const names = importNames.get(edge);
    // A barrel placed explicitly (config, layer-named folder) is judged as itself, a public API.
    if (!names || !files.get(edge.to)?.facts.barrel || layers.explicitLayerOf(edge.to)) continue;
    const reaches = [...new Set(names.map((name) => definerOf(edge.to, name)).filter((file): file is string => file !== null))].sort();
    if (reaches.length) edge.reaches = reaches;
  }
  assignBarrelLayers(files, modules, edges, layers);
  const sourceIds = [...files.keys()].sort();
  let successors = runtimeSuccessors(edges, (id) => files.has(id));
  let components = stronglyConnectedComponents(sourceIds, successors);
  // Only imports inside a cycle, or against the layer direction from outside the domain, need the
  // closer look: which of them TypeScript erases.
  if (valueImportsOf) {
    const layerOf = new Map([...modules.values()].map((node) => [node.id, node.layer]));
    const crossesLayers = (edge: Edge): boolean => {
      const from = layerOf.get(edge.from);
      if (!from || from === 'domain') return false;
      return (edge.reaches ?? [edge.to]).some((target) => {
        const to = layerOf.get(target);
        return Boolean(to && to !== from && !layers.isAllowed(from, to));
      });
    };
    // Through a barrel, what the code depends on is the files defining the names it uses as values.
    const narrowReaches = (edge: Edge, names: ReadonlySet<string>): void => {
      if (!edge.reaches) return;
      const reached = [...new Set([...names].map((name) => definerOf(edge.to, name)).filter((file): file is string => file !== null))].sort();
      if (reached.length) edge.reaches = reached;
    };
    markErasedImports(edges.filter(crossesLayers), valueImportsOf, 'code', narrowReaches);
    if (components.length && markErasedImports(edgesWithin(edges, components), valueImportsOf, 'load-order')) {
      successors = runtimeSuccessors(edges, (id) => files.has(id));
      components = stronglyConnectedComponents(sourceIds, successors);
    }
  }
  const notices = [...tsconfigNotices(root, tsconfigProblems), ...generatedNotices(generated)];
  return { modules: [...modules.values()], edges, unresolved, notices, cycles: cyclesOf(components, successors) };
}

/** Workspace packages whose every file only declares types (or only re-exports them). */
function typesOnlyPackages(files: ReadonlyMap<string, FileAnalysis>, layers: LayerModel): Set<string> {
  const verdicts = new Map<string, boolean>();
  for (const [relative, analysis] of files) {
    const owner = layers.packageOf(relative);
    if (!owner) continue;
    const declaresTypes = analysis.facts.barrel || analysis.facts.declares === 'types';
    verdicts.set(owner, (verdicts.get(owner) ?? true) && declaresTypes);
  }
  return new Set([...verdicts].filter(([, typesOnly]) => typesOnly).map(([owner]) => owner));
}

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

function edgesWithin(edges: readonly Edge[], components: readonly (readonly string[])[]): Edge[] {
  const componentOf = new Map<string, number>();
  components.forEach((component, index) => component.forEach((member) => componentOf.set(member, index)));
  return edges.filter((edge) => {
    const component = componentOf.get(edge.from);
    return component !== undefined && componentOf.get(edge.to) === component;
  });
}

/** Turns the given imports that TypeScript erases into type-only edges; true when any changed. */
function markErasedImports(
  edges: readonly Edge[],
  valueImportsOf: ValueImportsOf,
  purpose: 'load-order' | 'code',
  onValueNames?: (edge: Edge, names: ReadonlySet<string>) => void,
): boolean {
  let changed = false;
  for (const edge of edges) {
    if (edge.kind !== 'import' || !TYPESCRIPT_FILE.test(edge.from)) continue;
    const kept = valueImportsOf(edge.from, purpose);
    if (!kept) continue; // the file could not be read that way: every import stays
    const names = kept.get(edge.specifier);
    if (names === undefined) {
      edge.kind = 'type-only';
      changed = true;
    } else if (names !== 'all') onValueNames?.(edge, names);
  }
  return changed;
}

function tsconfigNotices(root: string, problems: ReadonlyMap<string, { reason: string; imports: number; example: UnresolvedImport }>): GraphNotice[] {
  return [...problems].map(([tsconfig, { reason, imports, example }]) => {
    // The resolver names files by absolute path: say them as the user sees them.
    const said = reason.split(`${root}${path.sep}`).join('');
    const remedy = /not found/i.test(reason)
      ? 'Install dependencies so its `extends`, `paths` and `baseUrl` apply.'
      : 'Fix it so its `paths` and `baseUrl` apply.';
    return {
      kind: 'tsconfig-unloadable' as const,
      file: tsconfig ? toRelative(root, tsconfig) : example.from,
      line: 1,
      column: 1,
      message: `${tsconfig ? toRelative(root, tsconfig) : 'The tsconfig'} could not be loaded (${said}): ${imports} import${imports === 1 ? ' was' : 's were'} resolved without it, with the TypeScript extension rules still on. ${remedy}`,
    };
  });
}

/** One notice for all imports of generated files, naming the paths, not a warning per import. */
function generatedNotices(generated: readonly UnresolvedImport[]): GraphNotice[] {
  if (!generated.length) return [];
  const first = generated[0]!;
  const targets = [...new Set(generated.map((entry) => path.posix.normalize(path.posix.join(path.posix.dirname(entry.from), entry.specifier))))].sort();
  const shown = targets.slice(0, 5).join(', ') + (targets.length > 5 ? `, and ${targets.length - 5} more` : '');
  return [
    {
      kind: 'generated-absent',
      file: first.from,
      line: first.line,
      column: first.column,
      message: `Generated file absent (build or install first): ${generated.length} import${generated.length === 1 ? '' : 's'} name${generated.length === 1 ? 's' : ''} files that .gitignore or a build folder marks as generated and that are not there yet: ${shown}.`,
    },
  ];
}

/**
 * A barrel (`index.ts` of re-exports) belongs to the layer of the files it forwards to when they
 * all share one: `infrastructure/index.ts` is infrastructure. A barrel spanning layers (a package's
 * public entry point) gets only an explicit layer (config or a layer-named folder), else none,
 * because which layer an import through it reaches depends on the names imported.
 */
function assignBarrelLayers(files: ReadonlyMap<string, FileAnalysis>, modules: Map<string, ModuleNode>, edges: readonly Edge[], layers: LayerModel): void {
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.from) ?? [];
    list.push(edge.to);
    outgoing.set(edge.from, list);
  }
  const isBarrel = (id: string): boolean => files.get(id)?.facts.barrel === true;
  for (const [relative, analysis] of files) {
    if (!analysis.facts.barrel) continue;
    const reached = new Set<string>();
    const seen = new Set([relative]);
    let frontier = [relative];
    for (let depth = 0; depth < 6 && frontier.length; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const target of outgoing.get(id) ?? []) {
          if (seen.has(target) || !files.has(target)) continue;
          seen.add(target);
          if (isBarrel(target)) next.push(target);
          else {
            const layer = modules.get(target)?.layer;
            reached.add(layer ?? '');
          }
        }
      }
      frontier = next;
    }
    const [only] = reached;
    const layer = reached.size === 1 && only ? only : layers.explicitLayerOf(relative);
    if (layer) modules.set(relative, { ...modules.get(relative)!, layer });
  }
}

/**
 * Finds the file that defines an exported name, following `export { a } from` and `export * from`
 * chains through barrels. Each file's export table (name → defining file) is built once, from its
 * named re-exports (which win, even when they lead nowhere), its own declarations (not a barrel's),
 * then its `export *` targets in source order (the first that defines a name wins): a barrel of a
 * big package re-exporting hundreds of modules is walked once, not once per imported name. A file
 * met again while its own table is being built (a re-export cycle) contributes nothing.
 */
function createDefinerLookup(
  files: ReadonlyMap<string, FileAnalysis>,
  reExportsOf: ReadonlyMap<string, { target: string; exported: string; imported: string }[]>,
): (file: string, name: string) => string | null {
  const tables = new Map<string, ReadonlyMap<string, string | null>>();
  const building = new Set<string>();
  const EMPTY: ReadonlyMap<string, string | null> = new Map();
  const tableOf = (file: string): ReadonlyMap<string, string | null> => {
    const known = tables.get(file);
    if (known) return known;
    if (building.has(file)) return EMPTY;
    building.add(file);
    const table = new Map<string, string | null>();
    const reExports = reExportsOf.get(file) ?? [];
    for (const entry of reExports) {
      if (entry.exported === '*' || table.has(entry.exported)) continue;
      table.set(entry.exported, entry.imported === '*' ? entry.target : (tableOf(entry.target).get(entry.imported) ?? null));
    }
    const analysis = files.get(file);
    if (analysis && !analysis.facts.barrel) for (const name of analysis.exportedNames) if (!table.has(name)) table.set(name, file);
    for (const entry of reExports) {
      if (entry.exported !== '*') continue;
      for (const [name, definer] of tableOf(entry.target)) if (definer && !table.has(name)) table.set(name, definer);
    }
    building.delete(file);
    tables.set(file, table);
    return table;
  };
  return (file, name) => tableOf(file).get(name) ?? null;
}
