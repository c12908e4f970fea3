import { CLEAN_PRESET } from '../../layers/presets.js';
import type { Rule } from '../types.js';

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
    const violates = (from: string, target: string): boolean => {
      const to = layerOf.get(target);
      return Boolean(to) && to !== from && !isAllowed(from, to!);
    };
    for (const edge of project.graph.edges) {
      const from = layerOf.get(edge.from);
      if (!from) continue;
      // Through a barrel, judge what the imported names really are, not the barrel's own layer.
      const target = edge.reaches ? edge.reaches.find((reached) => violates(from, reached)) : violates(from, edge.to) ? edge.to : undefined;
      if (!target) continue;
      const to = layerOf.get(target)!;
      const through = target !== edge.to ? ` through the barrel \`${edge.to}\`` : '';
      report({
        file: edge.from,
        line: edge.line,
        column: edge.column,
        message: `${from} imports ${to}: \`${edge.from}\` depends on \`${target}\`${through} (via "${edge.specifier}"), against ${direction}.`,
        anchor: `${edge.specifier}`,
        data: { fromLayer: from, toLayer: to, target, kind: edge.kind, ...(through ? { barrel: edge.to } : {}) },
      });
    }
  },
};
