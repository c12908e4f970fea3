import type { CallGraph, FunctionRef, ResolvedCall } from '../../program/call-graph.js';
import { handlerBody } from '../../program/http/handler.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import { inputConsumerOf, NEST_INPUTS, nestGlobalPipe, nestRoutePipes, requestPartsRead, validationIn } from '../../program/http/validation.js';
import type { ProgramLinker } from '../../program/link.js';
import type { ProjectRuleContext, Rule } from '../types.js';
import { type InputRead, inputReads, readOwnerFinder } from './uses.js';

/**
 * Request parts that carry client-shaped data. Path parameters alone are not reported: they are
 * strings the router matched (an id, a slug), and a lookup by them fails safely when they are wrong.
 */
const CHECKED_PARTS = ['body', 'query'] as const;

/** Where a handler's reads come from: a function (by its start) and the index of its request parameter. */
interface Reader {
  ref: FunctionRef;
  index: number;
}

/** The handler, and the project function it hands the whole request to (`(req, res) => controller.create(req, res)`), with the parts each reads. */
function readers(handler: FunctionRef, calls: CallGraph, linker: ProgramLinker): { reader: Reader; parts: Set<string> }[] {
  const summary = linker.summary(handler.file);
  if (!summary) return [];
  const found = [{ reader: { ref: handler, index: 0 }, parts: requestPartsRead(summary, handler.fn, 0) }];
  for (const call of calls.callsIn(handler)) {
    const position = call.site.args?.findIndex((arg) => arg.kind === 'ref' && arg.ref.root.kind === 'param' && arg.ref.root.fn === handler.fn && arg.ref.root.index === 0 && arg.ref.path.length === 0) ?? -1;
    const target = position >= 0 ? (call.callee?.entity.kind === 'function' && !call.callee.rest.length ? call.callee.entity : null) : null;
    const targetSummary = target ? linker.summary(target.file) : undefined;
    if (target && targetSummary) found.push({ reader: { ref: { file: target.file, fn: target.fn }, index: position }, parts: requestPartsRead(targetSummary, target.fn, position) });
  }
  return found;
}

/** How far a part's values go: `harmless` (logged, coerced, compared, validated…), `query` (handed to code the rule cannot judge), `sink` (text, or a body used). */
type Reach = 'harmless' | 'used' | 'text';

/**
 * What the reads of a request part do, from the visitor's reports on the reader's function: each
 * read's uses, with call arguments resolved through the call graph (a logger, a validating library,
 * a Set/Map lookup). A read the visitor did not see (`const { body } = req`) counts as a use.
 */
function reachOf(reader: Reader, part: string, context: { calls: CallGraph; linker: ProgramLinker; fileReports: ProjectRuleContext['fileReports'] }): Reach {
  const { calls, linker, fileReports } = context;
  const info = calls.info(reader.ref);
  if (!info) return 'used';
  const reads = fileReports(reader.ref.file)
    .map((report) => report.data as InputRead | undefined)
    .filter((read): read is InputRead => !!read && read.fn[0] === info.line && read.fn[1] === info.column && read.index === reader.index && read.part === part);
  if (reads.length === 0) return 'used';
  let sites: Map<string, ResolvedCall> | undefined;
  const siteAt = ([line, column]: [number, number]) => {
    sites ??= new Map([reader.ref, ...calls.nestedIn(reader.ref)].flatMap((ref) => calls.callsIn(ref).map((call) => [`${call.site.line}:${call.site.column}`, call] as const)).reverse());
    return sites.get(`${line}:${column}`);
  };
  let reach: Reach = 'harmless';
  for (const use of reads.flatMap((read) => read.uses)) {
    if (typeof use === 'object') {
      const call = siteAt(use.call);
      const consumer = call ? inputConsumerOf(call, calls, linker) : null;
      // An echo of spliced text (`res.send(`<p>${q}</p>`)`) is markup built from the value, not an echo of it.
      if (consumer && !(consumer === 'echoes' && use.text)) continue;
      if (use.text) return 'text';
      reach = 'used';
    } else if (use === 'text') return 'text';
    else if (use === 'used') reach = 'used';
  }
  return reach;
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
  triggers: /\.(body|query)\b|\[['"](body|query)['"]\]/,
  visitors({ source, report }) {
    // The walk finds the functions whose parameters' body or query is read; only those are analysed.
    const finder = readOwnerFinder();
    return {
      ...finder.visitors,
      'Program:exit'() {
        for (const owner of finder.owners()) {
          for (const { node: read, read: data } of inputReads(owner, source)) report(read, `reads ${data.part}`, data as unknown as Record<string, unknown>);
        }
      },
    };
  },
  check({ models, report, fileReports }) {
    let globalPipe: boolean | undefined;
    const hasGlobalPipe = () => (globalPipe ??= nestGlobalPipe(models.programFiles, models.linker));
    const context = { calls: models.calls, linker: models.linker, fileReports };
    for (const route of models.routes) {
      if (validatesWhole(route, models.calls, models.linker, hasGlobalPipe)) continue;
      // The function a `catchAsync(fn)`-style wrapper is given is the one that reads the request.
      const handler = handlerBody(route, models.linker);
      const info = handler ? models.calls.info(handler) : undefined;
      if (!handler || !info) continue;
      let read: string[];
      let notice = false;
      if (route.framework === 'nestjs') {
        read = nestInputs(route, models.calls);
        // `@Query()` alone: query values go to code the rule cannot judge; a notice, not a warning.
        notice = read.every((input) => input.startsWith('@Query'));
      } else {
        const reach: Partial<Record<string, Reach>> = {};
        for (const { reader, parts } of readers(handler, models.calls, models.linker)) {
          for (const part of CHECKED_PARTS) {
            if (!parts.has(part) || (part === 'body' && !carriesBody(route))) continue;
            const found = reachOf(reader, part, context);
            const before = reach[part];
            reach[part] = before === 'text' || found === 'text' ? 'text' : before === 'used' || found === 'used' ? 'used' : 'harmless';
          }
        }
        const name = info.params[0]?.name ?? 'req';
        // A body that reaches anything but a logger, a coercion, a comparison or a validating library is
        // a warning; a query string is one only when it is spliced into text (SQL, a path, a URL).
        const body = reach.body === 'used' || reach.body === 'text';
        const query = reach.query === 'used' || reach.query === 'text';
        read = [...(body ? [`${name}.body`] : []), ...(query ? [`${name}.query`] : [])];
        notice = !body && reach.query === 'used';
      }
      if (read.length === 0 || (route.framework === 'express' && passesOn(handler, models.calls))) continue;
      if (validationIn(handler, models.calls)) continue;
      const label = routeLabel(route);
      const what = read.map((part) => `\`${part}\``).join(' and ');
      const none = route.framework === 'nestjs' ? 'no ValidationPipe or other pipe' : route.framework === 'fastify' ? 'no route schema and no validator call' : 'no validation middleware and no validator call';
      const consequence = notice
        ? route.framework === 'nestjs'
          ? "the query values reach the code unchecked (a notice: query values usually feed filters and paging, whose types and bounds, such as a page size, are still the client's)."
          : "the query values reach the code unchecked (a notice: no SQL text, file path or URL is built from them, but their types and bounds, such as a page size, are still the client's)."
        : "the client's data reaches the handler unchecked.";
      report({
        ...(notice ? { severity: 'info' as const } : {}),
        file: handler.file,
        line: info.line,
        column: info.column,
        message: `${label} reads ${what} with ${none}: ${consequence}`,
        anchor: `${label}:${read.join(',')}`,
        route: label,
      });
    }
  },
};
