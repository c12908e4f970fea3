import { CallGraph, keyOf, type FunctionRef } from '../../program/call-graph.js';
import { frameworkType, injectsNestRequest } from '../../program/http/framework-types.js';
import { handlerBody } from '../../program/http/handler.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { FunctionInfo } from '../../program/summary.js';
import type { Rule } from '../types.js';

/** Layers that hold use cases, services and the domain: what must not know about HTTP. */
const INNER_LAYERS = new Set(['application', 'domain']);
/**
 * Files whose name says they are edge adapters even inside a services folder: a Passport strategy
 * given the request (`passReqToCallback`), a guard, a middleware, an interceptor, an exception filter.
 */
const EDGE_ROLE = /(^|[./-])(strateg(y|ies)|guards?|middlewares?|interceptors?|filters?|passport)([./-]|$)/i;

/** The parameters of a handler that hold the request or the response: by position, or Nest's `@Req()`/`@Res()`. */
function transportParams(route: Route, info: FunctionInfo): Map<number, string> {
  const params = new Map<number, string>();
  if (route.framework === 'nestjs') {
    info.params.forEach((param, index) => {
      const decorator = param.decorators.find((item) => item.from === '@nestjs/common' && /^(Req|Request|Res|Response|Next)$/.test(item.name));
      if (decorator) params.set(index, param.name ?? `@${decorator.name}()`);
    });
    return params;
  }
  const count = route.framework === 'express' ? 3 : 2;
  info.params.slice(0, count).forEach((param, index) => params.set(index, param.name ?? (index === 0 ? 'req' : 'res')));
  return params;
}

export const httpInService: Rule = {
  meta: {
    id: 'http-in-service',
    category: 'architecture',
    severity: 'warn',
    title: 'No HTTP request or response objects in services, use cases or the domain',
    why: 'A use case that takes `req` or `res` can only run inside an HTTP request: a queue consumer, a CLI command or a test has to fake the framework to call it, the HTTP shape leaks into business decisions, and moving to another framework means rewriting the core instead of the edge.',
    fix: 'Read what the use case needs in the handler (the parsed body, the user id, the locale) and pass it as plain arguments or a command object; return a result and let the handler write the response.',
    models: ['program', 'http'],
    appliesTo: { shapes: ['clean', 'nestjs'] },
  },
  check({ models, project, report }) {
    const inner = (file: string) => INNER_LAYERS.has(project.layers.layerOf(file) ?? '') && !EDGE_ROLE.test(file.split('/').slice(-2).join('/'));
    // Functions of services, use cases and the domain with a parameter typed by a framework request or response.
    const typed = new Set<string>();
    for (const file of models.programFiles) {
      if (!inner(file)) continue;
      const summary = models.linker.summary(file);
      for (const cls of summary?.classes ?? []) {
        const param = cls.constructorParams.find(injectsNestRequest);
        if (!param) continue;
        report({
          file,
          line: cls.line,
          column: cls.column,
          message: `\`${cls.name}\` (${project.layers.layerOf(file)} layer) injects the HTTP request (\`@Inject(REQUEST)\`${param.name ? ` as \`${param.name}\`` : ''}): the provider becomes request-scoped and can only run inside a request.`,
          anchor: `${cls.name}:REQUEST`,
        });
      }
      summary?.functions.forEach((info, fn) => {
        for (const param of info.params) {
          const type = frameworkType(file, param.type, models.linker);
          if (!type) continue;
          typed.add(keyOf({ file, fn }));
          report({
            file,
            line: info.line,
            column: info.column,
            message: `\`${info.name}\` (${project.layers.layerOf(file)} layer) takes \`${param.name ?? 'a parameter'}\` typed \`${type}\`: the framework's request or response inside a service ties it to HTTP.`,
            anchor: `${info.name}:${param.name ?? ''}:${type}`,
          });
          break;
        }
      });
    }
    // Handlers passing their whole request or response to a function of an inner layer.
    const reported = new Set<string>();
    for (const route of models.routes) {
      const handler = handlerBody(route, models.linker);
      const info = handler ? models.calls.info(handler) : undefined;
      if (!handler || !info) continue;
      const params = transportParams(route, info);
      for (const ref of [handler, ...nested(handler, models.calls)]) {
        for (const call of models.calls.callsIn(ref)) {
          const target = CallGraph.target(call);
          if (!target || !inner(target.file) || typed.has(keyOf(target))) continue;
          const passed = (call.site.args ?? []).flatMap((arg) =>
            arg.kind === 'ref' && arg.ref.root.kind === 'param' && arg.ref.root.fn === handler.fn && arg.ref.path.length === 0 && params.has(arg.ref.root.index) ? [params.get(arg.ref.root.index)!] : [],
          );
          const site = `${call.file}#${call.index}`;
          if (passed.length === 0 || reported.has(site)) continue;
          reported.add(site);
          const callee = models.calls.info(target)?.name ?? call.site.text;
          const label = routeLabel(route);
          report({
            file: call.file,
            line: call.site.line,
            column: call.site.column,
            message: `${label} passes \`${passed.join('`, `')}\` whole to \`${callee}\` (${project.layers.layerOf(target.file)} layer): the service now depends on the HTTP framework.`,
            anchor: `${callee}:${passed.join(',')}`,
            route: label,
          });
        }
      }
    }
  },
};

function nested(ref: FunctionRef, calls: CallGraph): FunctionRef[] {
  const found: FunctionRef[] = [];
  const visit = (current: FunctionRef, depth: number) => {
    if (depth > 4) return;
    for (const inner of calls.nestedIn(current)) {
      found.push(inner);
      visit(inner, depth + 1);
    }
  };
  visit(ref, 0);
  return found;
}
