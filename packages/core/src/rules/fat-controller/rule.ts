import type { CallGraph, FunctionRef } from '../../program/call-graph.js';
import { keyOf } from '../../program/call-graph.js';
import { handlerBody } from '../../program/http/handler.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { Rule } from '../types.js';
import { defineOptions, integerOption } from '../options.js';

const options = defineOptions({
  /** Statements in the handler and the callbacks declared inside it, above which it holds more than parse → call → map. */
  maxStatements: integerOption({ min: 1, default: 20, description: 'Statements in a handler (its nested callbacks included) above which it is reported.' }),
  /** Paths (`if`, cases, ternaries, `&&`/`||`/`??`, loops, catch) in the handler and its callbacks. */
  maxBranches: integerOption({ min: 1, default: 10, description: 'Branches in a handler (its nested callbacks included) above which it is reported.' }),
});

/** Layers a handler's logic can move into: a use case or service layer, or a domain. */
const TARGET_LAYERS = new Set(['application', 'domain']);

/** Statements and branches of a function and every function declared inside it. */
function size(ref: FunctionRef, calls: CallGraph): { statements: number; branches: number } {
  const total = { statements: 0, branches: 0 };
  const visit = (current: FunctionRef, depth: number) => {
    const info = calls.info(current);
    if (!info || depth > 6) return;
    total.statements += info.statements;
    total.branches += info.branches;
    for (const nested of calls.nestedIn(current)) visit(nested, depth + 1);
  };
  visit(ref, 0);
  return total;
}

export const fatController: Rule = {
  meta: {
    id: 'fat-controller',
    category: 'architecture',
    severity: 'warn',
    title: 'Route handlers stay thin: parse the input, call a use case, map the result',
    why: 'Business rules written inside a route handler can only be exercised through HTTP, are copied when a second entry point (a job, a queue consumer, another route) needs them, and mix transport concerns with decisions about the domain, so every change to one risks the other.',
    fix: 'Move the branching and computation into a use case or service function that takes plain input and returns a result or a typed error; keep the handler to parsing the request, calling it, and mapping the result or the error to a response.',
    models: ['program', 'http'],
    appliesTo: { shapes: ['clean', 'nestjs', 'mvc'] },
    options,
  },
  check({ models, project, report, options: raw }) {
    const limits = options.resolve(raw);
    const hasTargetLayer = models.programFiles.some((file) => TARGET_LAYERS.has(project.layers.layerOf(file) ?? ''));
    if (!hasTargetLayer) return;
    const seen = new Map<string, Route[]>();
    for (const route of models.routes) {
      const body = handlerBody(route, models.linker);
      if (!body) continue;
      const key = keyOf(body);
      const routes = seen.get(key);
      if (routes) routes.push(route);
      else seen.set(key, [route]);
    }
    for (const [key, routes] of seen) {
      const route = routes[0]!;
      const body = handlerBody(route, models.linker)!;
      const info = models.calls.info(body);
      if (!info || keyOf(body) !== key) continue;
      const layer = project.layers.layerOf(body.file);
      if (layer && TARGET_LAYERS.has(layer)) continue;
      const { statements, branches } = size(body, models.calls);
      if (statements <= limits.maxStatements && branches <= limits.maxBranches) continue;
      const label = routeLabel(route);
      const where = routes.length > 1 ? `${label} (and ${routes.length - 1} other route${routes.length === 2 ? '' : 's'})` : label;
      const name = info.name === '<anonymous>' ? 'The handler' : `\`${info.name}\``;
      report({
        file: body.file,
        line: info.line,
        column: info.column,
        message: `${name} of ${where} holds ${statements} statements and ${branches} branches (limits ${limits.maxStatements} and ${limits.maxBranches}): business logic in the handler instead of a use case or service.`,
        anchor: `${info.name}:${label}`,
        route: label,
      });
    }
  },
};
