import path from 'node:path';
import type { LayerModel } from '../layers/classify.js';
import { featureOf } from '../layers/classify.js';
import type { DependencyGraph, Edge, ModuleNode, UnresolvedImport } from '../types.js';
import { findCycles } from './cycles.js';
import type { FileAnalysis } from './file-analysis.js';
import { toRelative } from './paths.js';
import type { Resolution } from './resolve.js';

/** Turns every file's imports into graph edges, resolving each specifier once per importing file. */
export function buildGraph(
  root: string,
  files: ReadonlyMap<string, FileAnalysis>,
  resolve: (fromFile: string, specifier: string) => Resolution,
  layers: LayerModel,
): DependencyGraph {
  const modules = new Map<string, ModuleNode>();
  const edges: Edge[] = [];
  const unresolved: UnresolvedImport[] = [];
  for (const [relative, analysis] of files) {
    // A barrel only forwards: rules look through it to the files it re-exports, unless the config
    // placed it explicitly (a package's public entry point, say).
    const layer = layers.configuredLayerOf(relative) ?? (analysis.facts.barrel ? undefined : layers.layerOf(relative));
    const feature = featureOf(relative);
    modules.set(relative, { id: relative, kind: 'source', ...(layer ? { layer } : {}), ...(feature ? { feature } : {}) });
  }
  for (const [relative, analysis] of files) {
    const absolute = path.join(root, relative);
    const seen = new Set<string>();
    for (const entry of analysis.imports) {
      const resolution = resolve(absolute, entry.specifier);
      let target: string;
      if (resolution.kind === 'source') target = toRelative(root, resolution.path);
      else if (resolution.kind === 'package') target = `npm:${resolution.name}`;
      else if (resolution.kind === 'builtin') target = `node:${resolution.name}`;
      else if (resolution.kind === 'asset') continue;
      else {
        unresolved.push({ from: relative, specifier: entry.specifier, line: entry.line, column: entry.column, reason: resolution.reason });
        continue;
      }
      if (!modules.has(target)) modules.set(target, { id: target, kind: resolution.kind === 'source' ? 'source' : resolution.kind });
      // One edge per target and kind: a file importing the same module twice depends on it once.
      const key = `${target}\0${entry.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ from: relative, to: target, kind: entry.kind, specifier: entry.specifier, line: entry.line, column: entry.column });
    }
  }
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    // Type-only imports are erased at run time, so they cannot form a load-order cycle.
    if (edge.kind === 'type-only' || !files.has(edge.to)) continue;
    const list = successors.get(edge.from) ?? [];
    if (!list.includes(edge.to)) list.push(edge.to);
    successors.set(edge.from, list);
  }
  const sourceIds = [...files.keys()].sort();
  return { modules: [...modules.values()], edges, unresolved, cycles: findCycles(sourceIds, successors) };
}
