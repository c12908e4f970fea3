import { STRICT_CLEAN_ALLOWED } from '../../layers/presets.js';
import { isTestFile } from '../../layers/classify.js';
import type { ProjectModel } from '../../project/model.js';
import type { Rule } from '../types.js';

/** A legacy app with no layering to speak of: most files in no layer, and no Clean or Nest structure. */
const UNLAYERED_SHARE = 0.5;
/** Below this many source files an unlayered app is a small service, not a legacy codebase. */
const LEGACY_SIZE = 100;

/** The product's source files: tests sit outside the layering by design and say nothing about it. */
function productSources(project: ProjectModel) {
  return project.graph.modules.filter((node) => node.kind === 'source' && !isTestFile(node.id));
}

function isUnlayered(project: ProjectModel): boolean {
  if (project.layers.customized || (project.layers.shape !== 'mvc' && project.layers.shape !== 'flat')) return false;
  const sources = productSources(project);
  return sources.length > 0 && sources.filter((node) => !node.layer).length / sources.length >= UNLAYERED_SHARE;
}

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
    if (!strict && isUnlayered(project)) {
      const sources = productSources(project);
      const unlayered = sources.filter((node) => !node.layer).length;
      const entry = sources.find((node) => node.layer === 'bootstrap') ?? sources[0];
      // A small service is never told to grow layers, nor is code with no MVC structure at all (a tool,
      // a library): the advice is for legacy web apps that started layering and stopped.
      if (!entry || sources.length < LEGACY_SIZE || project.layers.shape !== 'mvc') return;
      report({
        severity: 'info',
        file: entry.id,
        line: 1,
        column: 1,
        message: `Unlayered: ${Math.round((100 * unlayered) / sources.length)}% of files (${unlayered} of ${sources.length}) sit in no recognisable layer, so there is no layering to hold imports to. Adopt Strata with \`--profile legacy\` and a baseline, then follow the refactoring path: isolate controllers from business logic, introduce use cases as the only entry to domain behaviour, extract repositories behind interfaces, move cross-cutting concerns into middleware.`,
        anchor: 'unlayered',
      });
      return;
    }
    const isAllowed = (from: string, to: string): boolean =>
      strict ? (STRICT_CLEAN_ALLOWED[from]?.includes(to) ?? true) : project.layers.isAllowed(from, to);
    const direction = strict
      ? 'the strict Clean Architecture direction'
      : project.layers.customized
        ? 'the directions allowed by the layer configuration'
        : `the ${project.layers.preset.title} direction`;
    const layerOf = new Map(project.graph.modules.map((node) => [node.id, node.layer]));
    // Depending on a contract (an interface, a type, an abstract class) that sits in an outer layer's
    // folder is a misplaced port, not a dependency on an implementation; only the domain must stay
    // free of outer layers' types too, and strict-clean holds every layer to that.
    const isContract = (from: string, target: string): boolean => !strict && from !== 'domain' && Boolean(project.files.get(target)?.facts.declares);
    const violates = (from: string, target: string): boolean => {
      const to = layerOf.get(target);
      return Boolean(to) && to !== from && !isAllowed(from, to!) && !isContract(from, target);
    };
    for (const edge of project.graph.edges) {
      const from = layerOf.get(edge.from);
      if (!from) continue;
      // A type that crosses outward (a controller naming an entity in a return type) is erased at run
      // time: a leak for dto-domain-leak to judge, not a layer dependency. The domain gets no such pass.
      if (edge.kind === 'type-only' && !strict && from !== 'domain') continue;
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
