import type { Rule } from '../types.js';

export const noCircular: Rule = {
  meta: {
    id: 'no-circular',
    category: 'architecture',
    severity: 'warn',
    title: 'No import cycles',
    why: 'Modules in a cycle cannot be understood, tested or extracted one at a time; at run time the cycle decides load order, so a value can be undefined when first read (ESM temporal dead zone, half-initialised CommonJS exports). Cycles also mark boundaries that have already dissolved.',
    fix: 'Break the cycle at its weakest edge: move the shared piece into a module both can import, depend on an interface instead of the implementation, or invert one edge with an event or a callback. Type-only imports are erased at run time and do not count.',
  },
  check({ project, report }) {
    for (const cycle of project.graph.cycles) {
      const [first, second] = cycle;
      const edge = project.graph.edges.find((candidate) => candidate.from === first && candidate.to === second && candidate.kind !== 'type-only');
      report({
        file: first!,
        line: edge?.line ?? 1,
        column: edge?.column ?? 1,
        message: `Import cycle of ${cycle.length - 1} module${cycle.length === 2 ? '' : 's'}: ${cycle.join(' -> ')}`,
        anchor: [...cycle].sort().join('|'),
        data: { cycle },
      });
    }
  },
};
