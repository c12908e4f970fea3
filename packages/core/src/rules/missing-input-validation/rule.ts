import type { CallGraph, FunctionRef } from '../../program/call-graph.js';
import { handlerBody } from '../../program/http/handler.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import { NEST_INPUTS, nestGlobalPipe, nestRoutePipes, requestPartsRead, validationIn } from '../../program/http/validation.js';
import type { ProgramLinker } from '../../program/link.js';
import type { Value } from '../../program/summary.js';
import type { Rule } from '../types.js';

/**
 * Request parts that carry client-shaped data. Path parameters alone are not reported: they are
 * strings the router matched (an id, a slug), and a lookup by them fails safely when they are wrong.
 */
const CHECKED_PARTS = ['body', 'query'] as const;

/** What the handler (or the function it hands the whole request to) reads: `body`, `query`. */
function partsRead(handler: FunctionRef, calls: CallGraph, linker: ProgramLinker): string[] {
  const summary = linker.summary(handler.file);
  if (!summary) return [];
  const parts = requestPartsRead(summary, handler.fn, 0);
  // `(req, res) => controller.create(req, res)`: the request is read one call further.
  for (const call of calls.callsIn(handler)) {
    const position = call.site.args?.findIndex((arg) => arg.kind === 'ref' && arg.ref.root.kind === 'param' && arg.ref.root.fn === handler.fn && arg.ref.root.index === 0 && arg.ref.path.length === 0) ?? -1;
    const target = position >= 0 ? (call.callee?.entity.kind === 'function' && !call.callee.rest.length ? call.callee.entity : null) : null;
    const targetSummary = target ? linker.summary(target.file) : undefined;
    if (target && targetSummary) for (const part of requestPartsRead(targetSummary, target.fn, position)) parts.add(part);
  }
  return CHECKED_PARTS.filter((part) => parts.has(part) && !onlyLogged(handler, part, calls, linker));
}

/** Logger methods: a part handed only to one of them is recorded, not used. */
const LOG_METHODS = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace', 'verbose', 'silly', 'fatal']);

/**
 * `logger.debug('body: %o', req.body)` and nothing else: the handler never uses what it logs. Said
 * only when the part is read whole, every call given it is a logger's, and no variable holds it.
 */
function onlyLogged(handler: FunctionRef, part: string, calls: CallGraph, linker: ProgramLinker): boolean {
  const summary = linker.summary(handler.file);
  if (!summary) return false;
  const isPart = (value: Value) => value.kind === 'ref' && value.ref.root.kind === 'param' && value.ref.root.fn === handler.fn && value.ref.root.index === 0 && value.ref.path[0] === part;
  if ((summary.functions[handler.fn]?.paramReads ?? []).some((read) => read.startsWith(`0.${part}.`))) return false;
  if (summary.variables.some((variable) => variable.value && isPart(variable.value))) return false;
  let logged = false;
  for (const ref of [handler, ...calls.nestedIn(handler)]) {
    for (const { site } of calls.callsIn(ref)) {
      if (!(site.args ?? []).some(isPart)) continue;
      if (!LOG_METHODS.has(site.callee?.path.at(-1) ?? '')) return false;
      logged = true;
    }
  }
  return logged;
}

/**
 * A body read on a GET, HEAD or DELETE route is what a middleware put there (`req.body.UserId` from
 * an authentication step), not what the client sent: only methods that carry a body count.
 */
const carriesBody = (route: Route): boolean => !/^(GET|HEAD|DELETE|OPTIONS)$/.test(route.method);

/** `next()` with no error: a middleware that looks at the request and passes it on to the handler that consumes it. */
function passesOn(handler: FunctionRef, calls: CallGraph): boolean {
  const reach = [handler, ...calls.nestedIn(handler)];
  return reach.some((ref) =>
    calls.callsIn(ref).some(({ site }) => site.callee?.root.kind === 'param' && site.callee.root.fn === handler.fn && site.callee.root.index === 2 && site.callee.path.length === 0 && !site.args?.length),
  );
}

/** The `@Body()`/`@Query()` inputs of a Nest handler that no pipe of their own checks. */
function nestInputs(route: Route, calls: CallGraph): string[] {
  const info = route.handler ? calls.info(route.handler) : undefined;
  const inputs: string[] = [];
  for (const param of info?.params ?? []) {
    for (const decorator of param.decorators) {
      const part = decorator.from === '@nestjs/common' ? NEST_INPUTS[decorator.name] : undefined;
      if (!part || part === 'params') continue;
      const pipes = decorator.args.slice(decorator.args[0]?.kind === 'string' ? 1 : 0);
      const key = decorator.args[0]?.kind === 'string' ? `'${decorator.args[0].value}'` : '';
      if (pipes.length === 0) inputs.push(`@${decorator.name}(${key})`);
    }
  }
  return inputs;
}

/**
 * Whether the route's validation covers its body and query. A Nest route's validation may name only
 * a pipe on another parameter (`@Param('id', ParseIntPipe)`); the body is checked only by a global,
 * class or method pipe (a pipe of its own is seen by `nestInputs`).
 */
function validatesWhole(route: Route, calls: CallGraph, linker: ProgramLinker, hasGlobalPipe: () => boolean): boolean {
  if (!route.validation) return false;
  if (route.framework !== 'nestjs' || !route.handler) return true;
  const info = calls.info(route.handler);
  if (!info) return true;
  const cls = info.cls === undefined ? undefined : linker.summary(route.handler.file)?.classes[info.cls];
  return nestRoutePipes(info, cls) || hasGlobalPipe();
}

export const missingInputValidation: Rule = {
  meta: {
    id: 'missing-input-validation',
    category: 'validation-errors',
    severity: 'warn',
    title: 'Request bodies and query strings are validated against a schema at the boundary',
    why: 'A handler that reads the body or the query string without a schema trusts the client for every type, size and field: a string where a number was expected, an extra `role` field, a ten-megabyte array. The failures surface deep in the service or the database as 500s, injection or corrupt rows instead of a 400 at the edge.',
    fix: 'Declare a schema for the route and validate before the handler runs: a Fastify route `schema`, a Zod/Joi/Valibot validation middleware in Express, a global `ValidationPipe` with class-validator DTOs (or a Zod pipe) in NestJS; pass only the parsed value on.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    let globalPipe: boolean | undefined;
    const hasGlobalPipe = () => (globalPipe ??= nestGlobalPipe(models.programFiles, models.linker));
    for (const route of models.routes) {
      if (validatesWhole(route, models.calls, models.linker, hasGlobalPipe)) continue;
      // The function a `catchAsync(fn)`-style wrapper is given is the one that reads the request.
      const handler = handlerBody(route, models.linker);
      const info = handler ? models.calls.info(handler) : undefined;
      if (!handler || !info) continue;
      const read = route.framework === 'nestjs' ? nestInputs(route, models.calls) : partsRead(handler, models.calls, models.linker).filter((part) => part !== 'body' || carriesBody(route)).map((part) => `${info.params[0]?.name ?? 'req'}.${part}`);
      if (read.length === 0 || (route.framework === 'express' && passesOn(handler, models.calls))) continue;
      if (validationIn(handler, models.calls)) continue;
      const label = routeLabel(route);
      const what = read.map((part) => `\`${part}\``).join(' and ');
      const none = route.framework === 'nestjs' ? 'no ValidationPipe or other pipe' : route.framework === 'fastify' ? 'no route schema and no validator call' : 'no validation middleware and no validator call';
      report({
        file: handler.file,
        line: info.line,
        column: info.column,
        message: `${label} reads ${what} with ${none}: the client's data reaches the handler unchecked.`,
        anchor: `${label}:${read.join(',')}`,
        route: label,
      });
    }
  },
};
