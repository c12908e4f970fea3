import { isTestFile } from '../../layers/classify.js';
import { runtimeSuccessors, stronglyConnectedComponents } from '../../project/cycles.js';
import type { Rule } from '../types.js';
import { edgesToCut, TANGLE_MIN_MODULES } from './tangle.js';

export const noCircular: Rule = {
  meta: {
    id: 'no-circular',
    category: 'architecture',
    severity: 'warn',
    title: 'No import cycles',
    why: 'Modules in a cycle cannot be understood, tested or extracted one at a time; at run time the cycle decides load order, so a value can be undefined when first read (ESM temporal dead zone, half-initialised CommonJS exports). Cycles also mark boundaries that have already dissolved; a tangle of many modules means the codebase has no module boundaries left in that area.',
    fix: 'Break the cycle at its weakest edge: move the shared piece into a module both can import, depend on an interface instead of the implementation, or invert one edge with an event or a callback. For a tangle, cut the listed edges first: each one breaks the most cycles. Type-only imports are erased at run time and do not count.',
  },
  check({ project, report }) {
    const { graph } = project;
    const sources = new Set(graph.modules.filter((node) => node.kind === 'source').map((node) => node.id));
    const successors = runtimeSuccessors(graph.edges, (id) => sources.has(id));
    const componentOf = new Map<string, string[]>();
    if (graph.cycles.length) {
      for (const component of stronglyConnectedComponents([...sources].sort(), successors)) for (const member of component) componentOf.set(member, component);
    }
    for (const cycle of graph.cycles) {
      // Tests that import each other's helpers load only under the test runner: not the product's load order.
      if (cycle.every(isTestFile)) continue;
      const [first, second] = cycle;
      const edge = graph.edges.find((candidate) => candidate.from === first && candidate.to === second && candidate.kind !== 'type-only');
      const component = componentOf.get(first!) ?? cycle.slice(1);
      const at = { file: first!, line: edge?.line ?? 1, column: edge?.column ?? 1 };
      if (component.length < TANGLE_MIN_MODULES) {
        // ORM entities that reference each other (bidirectional relations): the ORMs declare relations
        // with functions (`() => User`, `references(() => users.id)`) so the load order does not matter.
        const entities = component.every((file) => (project.files.get(file)?.facts.entities ?? 0) > 0);
        report({
          ...at,
          ...(entities ? { severity: 'info' as const } : {}),
          message: entities
            ? `Import cycle of ${cycle.length - 1} ORM entity modules (relations both ways): ${cycle.join(' -> ')}; a notice, since relations declared with functions load in any order, but each entity now drags the other into every import.`
            : `Import cycle of ${cycle.length - 1} module${cycle.length === 2 ? '' : 's'}: ${cycle.join(' -> ')}`,
          anchor: [...cycle].sort().join('|'),
          data: { cycle },
        });
        continue;
      }
      const share = component.length / Math.max(1, sources.size);
      const cuts = edgesToCut(component, successors);
      const percent = Math.max(1, Math.round(100 * share));
      report({
        ...at,
        message:
          `Tangle of ${component.length} modules (${percent}% of the codebase) that all import each other through cycles; ` +
          `shortest example: ${cycle.join(' -> ')}. Cut first: ${cuts.map((cut) => `${cut.from} -> ${cut.to} (leaves ${cut.leaves || 'no'} tangled)`).join('; ')}.`,
        // Keyed by where the tangle is, not its exact members, which shift with every edit inside it.
        anchor: `tangle|${first}`,
        data: { cycle, tangle: { modules: component.length, share, members: component, cut: cuts } },
      });
    }
  },
};
