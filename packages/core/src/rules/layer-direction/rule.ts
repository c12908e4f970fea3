import { CLEAN_PRESET } from '../../layers/presets.js';
import type { Edge } from '../../types.js';
import type { Rule } from '../types.js';

const BARREL_DEPTH = 6;

export const layerDirection: Rule = {
  meta: {
    id: 'layer-direction',
    category: 'architecture',
    severity: 'error',
    title: 'Imports follow the allowed layer direction',
    why: 'When an inner layer imports an outer one (domain -> infrastructure, application -> interfaces), business rules start depending on delivery and storage details: they can no longer be tested without them, and every change of framework or database ripples into the core.',
    fix: 'Invert the dependency: declare what the inner layer needs as a port (interface) in the application layer, implement it in infrastructure, and wire the two in the composition root (bootstrap). Move code that is in the wrong layer to the layer its dependencies say it belongs to.',
  },
  check({ project, report }) {
    const strict = project.profile === 'strict-clean';
    const isAllowed = (from: string, to: string): boolean =>
      strict ? (CLEAN_PRESET.allowed[from]?.includes(to) ?? true) : project.layers.isAllowed(from, to);
    const direction = strict
      ? 'the strict Clean Architecture direction'
      : project.layers.customized
        ? 'the directions allowed by the layer configuration'
        : `the ${project.layers.preset.title} direction`;
    const layerOf = new Map(project.graph.modules.map((node) => [node.id, node.layer]));
    const outgoing = new Map<string, Edge[]>();
    for (const edge of project.graph.edges) {
      const list = outgoing.get(edge.from) ?? [];
      list.push(edge);
      outgoing.set(edge.from, list);
    }
    /** Barrels have no layer: the files they forward to are what an import really reaches. */
    const reachedThrough = (barrel: string): string[] => {
      const reached: string[] = [];
      const seen = new Set([barrel]);
      let frontier = [barrel];
      for (let depth = 0; depth < BARREL_DEPTH && frontier.length; depth++) {
        const next: string[] = [];
        for (const file of frontier) {
          for (const edge of outgoing.get(file) ?? []) {
            if (seen.has(edge.to)) continue;
            seen.add(edge.to);
            if (layerOf.get(edge.to)) reached.push(edge.to);
            else if (project.files.get(edge.to)?.facts.barrel) next.push(edge.to);
          }
        }
        frontier = next;
      }
      return reached;
    };
    for (const edge of project.graph.edges) {
      const from = layerOf.get(edge.from);
      if (!from) continue;
      const direct = layerOf.get(edge.to);
      const viaBarrel = !direct && project.files.get(edge.to)?.facts.barrel;
      const targets = direct ? [edge.to] : viaBarrel ? reachedThrough(edge.to) : [];
      const violating = targets.find((target) => {
        const to = layerOf.get(target)!;
        return to !== from && !isAllowed(from, to);
      });
      if (!violating) continue;
      const to = layerOf.get(violating)!;
      const through = viaBarrel ? ` through the barrel \`${edge.to}\`` : '';
      report({
        file: edge.from,
        line: edge.line,
        column: edge.column,
        message: `${from} imports ${to}: \`${edge.from}\` depends on \`${violating}\`${through} (via "${edge.specifier}"), against ${direction}.`,
        anchor: `${edge.specifier}`,
        data: { fromLayer: from, toLayer: to, target: violating, kind: edge.kind, ...(viaBarrel ? { barrel: edge.to } : {}) },
      });
    }
  },
};
