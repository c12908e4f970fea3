import { keyOf, type FunctionRef } from '../../program/call-graph.js';
import { queryText } from '../../program/data/paging.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { ProgramModels } from '../../program/models.js';
import type { Rule } from '../types.js';

/** Controller files by role: `users.controller.ts`, `controllers/users.js`. */
const CONTROLLER_FILE = /(^|\/)controllers?\/|[.-]controller\.[cm]?[jt]sx?$/;
/** Probes ask the database on purpose: readiness is the query. */
const PROBE_PATH = /(^|\/)(health|healthz|ready|readiness|live|liveness|ping|status)(\/|$)/i;

/** A function and every callback declared inside it: they run as part of the handler. */
function withNested(models: ProgramModels, fn: FunctionRef): FunctionRef[] {
  const all = [fn];
  for (let index = 0; index < all.length && index < 64; index++) all.push(...models.calls.nestedIn(all[index]!));
  return all;
}

export const controllerDbAccess: Rule = {
  meta: {
    id: 'controller-db-access',
    category: 'architecture',
    severity: 'warn',
    title: 'Route handlers and controllers go through a service, not the database',
    why: 'A handler that queries the ORM or driver itself mixes HTTP with persistence: the query cannot be reused by another entry point (a job, a CLI, another route), business rules gather next to request parsing, and the code can only be tested through HTTP with a real or mocked database.',
    fix: 'Move the query into the service (or use case) the handler already has for this resource, behind a repository where the project uses them, and have the handler parse the input, call the service and map the result.',
    models: ['program', 'http', 'data'],
    // A flat service has no layer to go through; an MVC app only when it has services.
    appliesTo: { shapes: ['clean', 'nestjs', 'mvc'] },
  },
  check({ models, project, report }) {
    if (project.layers.shape === 'mvc' && !models.programFiles.some((file) => project.layers.layerOf(file) === 'application')) return;
    const owners = new Map<string, Route | null>();
    for (const route of models.routes) {
      if (!route.handler || PROBE_PATH.test(route.path)) continue;
      for (const fn of withNested(models, route.handler)) if (!owners.has(keyOf(fn))) owners.set(keyOf(fn), route);
    }
    for (const file of models.programFiles) {
      if (!CONTROLLER_FILE.test(file)) continue;
      const functions = models.linker.summary(file)?.functions ?? [];
      functions.forEach((_, fn) => {
        if (!owners.has(keyOf({ file, fn }))) owners.set(keyOf({ file, fn }), null);
      });
    }
    // Probe handlers stay out even when their file is a controller.
    for (const route of models.routes) if (route.handler && PROBE_PATH.test(route.path)) for (const fn of withNested(models, route.handler)) owners.delete(keyOf(fn));
    for (const [key, route] of owners) {
      const at = key.lastIndexOf('#');
      const fn = { file: key.slice(0, at), fn: Number(key.slice(at + 1)) };
      for (const query of models.data.queriesIn(fn)) {
        const call = query.call;
        const handler = route?.handler ? models.calls.info(route.handler)?.name : undefined;
        const who = route ? `the handler of ${routeLabel(route)}${handler && handler !== '<anonymous>' ? ` (\`${handler}\`)` : ''}` : `controller \`${models.calls.info(fn)?.name ?? 'function'}\``;
        report({
          file: call.file,
          line: call.site.line,
          column: call.site.column,
          message: `${who[0]!.toUpperCase()}${who.slice(1)} queries the database itself (\`${queryText(call.site)}\`, ${query.library} ${query.operation}) instead of going through a service.`,
          anchor: `${models.calls.info(fn)?.name ?? ''}:${call.site.text}`,
          ...(route ? { route: routeLabel(route) } : {}),
        });
      }
    }
  },
};
