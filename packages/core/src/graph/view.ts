import { layerRank } from '../layers/presets.js';
import type { AnalysisResult, GraphLevel, GraphView } from '../types.js';
import { compareText } from '../compare-text.js';

export type { GraphLevel, GraphView };

export interface GraphViewOptions {
  level: GraphLevel;
  /** Keep only files under this folder (relative to the root), and the edges between them. */
  focus?: string;
}

function moduleOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}

/**
 * Collapses the file graph to the requested level. An aggregated arrow is "not allowed" when any
 * import behind it crosses layers against the allowed direction.
 */
export function buildGraphView(result: AnalysisResult, options: GraphViewOptions): GraphView {
  const focus = options.focus?.replace(/^\.\/?/, '').replace(/\/+$/, '');
  const inFocus = (file: string): boolean => !focus || file === focus || file.startsWith(`${focus}/`);
  const sources = result.graph.modules.filter((node) => node.kind === 'source' && inFocus(node.id));
  const layerOf = new Map(sources.map((node) => [node.id, node.layer]));
  const keyOf = (file: string): string | undefined =>
    options.level === 'layer' ? layerOf.get(file) : options.level === 'module' ? moduleOf(file) : file;
  const allowedPairs = new Set(result.layers.flows.filter((flow) => flow.allowed).map((flow) => `${flow.from}\0${flow.to}`));
  const nodes = new Map<string, { id: string; layer?: string; files: number }>();
  for (const node of sources) {
    const key = keyOf(node.id);
    if (!key) continue;
    const entry = nodes.get(key) ?? { id: key, ...(options.level !== 'module' && node.layer ? { layer: node.layer } : {}), files: 0 };
    entry.files++;
    nodes.set(key, entry);
  }
  const edges = new Map<string, { from: string; to: string; count: number; allowed: boolean }>();
  for (const edge of result.graph.edges) {
    if (!layerOf.has(edge.from) || !layerOf.has(edge.to)) continue;
    const from = keyOf(edge.from);
    const to = keyOf(edge.to);
    if (!from || !to || from === to) continue;
    const fromLayer = layerOf.get(edge.from);
    const toLayer = layerOf.get(edge.to);
    const allowed = !fromLayer || !toLayer || fromLayer === toLayer || allowedPairs.has(`${fromLayer}\0${toLayer}`);
    const key = `${from}\0${to}`;
    const entry = edges.get(key) ?? { from, to, count: 0, allowed: true };
    entry.count++;
    entry.allowed &&= allowed;
    edges.set(key, entry);
  }
  // Layers read outer to inner; folders and files alphabetically.
  const rank = (id: string): number => (options.level === 'layer' ? layerRank(id) : 0);
  const byId = (a: { id: string }, b: { id: string }): number => rank(a.id) - rank(b.id) || compareText(a.id, b.id);
  return {
    level: options.level,
    nodes: [...nodes.values()].sort(byId),
    edges: [...edges.values()].sort((a, b) => byId({ id: a.from }, { id: b.from }) || byId({ id: a.to }, { id: b.to })),
  };
}
