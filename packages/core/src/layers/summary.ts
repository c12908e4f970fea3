import path from 'node:path';
import type { DependencyGraph, LayerSummary } from '../types.js';
import { isTestFile, type LayerModel } from './classify.js';
import { LAYER_DESCRIPTIONS, layerRank } from './presets.js';
import { compareText } from '../compare-text.js';

/** Layer sizes and the aggregated layer-to-layer flows that the diagrams draw. */
export function summariseLayers(graph: DependencyGraph, model: LayerModel): LayerSummary {
  const layerOf = new Map(graph.modules.map((node) => [node.id, node.layer]));
  const counts = new Map<string, number>();
  let unclassified = 0;
  const unclassifiedByFolder = new Map<string, number>();
  for (const node of graph.modules) {
    if (node.kind !== 'source') continue;
    if (node.layer) counts.set(node.layer, (counts.get(node.layer) ?? 0) + 1);
    // Tests sit outside the layering by design: they are not "files outside any layer" to explain.
    else if (!isTestFile(node.id)) {
      unclassified++;
      const folder = path.posix.dirname(node.id);
      unclassifiedByFolder.set(folder, (unclassifiedByFolder.get(folder) ?? 0) + 1);
    }
  }
  const flows = new Map<string, number>();
  for (const edge of graph.edges) {
    const from = layerOf.get(edge.from);
    const to = layerOf.get(edge.to);
    if (!from || !to || from === to) continue;
    const key = `${from}\0${to}`;
    flows.set(key, (flows.get(key) ?? 0) + 1);
  }
  const names = [...new Set([...model.layerNames, ...counts.keys()])].sort((a, b) => layerRank(a) - layerRank(b));
  return {
    preset: model.preset.name,
    layers: names.map((name) => ({ name, description: LAYER_DESCRIPTIONS[name] ?? 'custom layer', files: counts.get(name) ?? 0 })),
    flows: [...flows].map(([key, count]) => {
      const [from, to] = key.split('\0') as [string, string];
      return { from, to, count, allowed: model.isAllowed(from, to) };
    }),
    unclassified,
    unclassifiedFolders: [...unclassifiedByFolder]
      .map(([folder, files]) => ({ folder, files }))
      .sort((a, b) => b.files - a.files || compareText(a.folder, b.folder)),
  };
}
