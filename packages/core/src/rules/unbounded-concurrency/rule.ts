import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parameterOrigin } from '../../program/async/argument-origin.js';
import { unboundedSource, type UnboundedSource } from '../../program/async/array-source.js';
import { isLimited, promiseCombinator, promiseOf } from '../../program/async/promises.js';
import { CallGraph as Graph, keyOf, type FunctionRef, type ResolvedCall } from '../../program/call-graph.js';
import { DataAccessModel } from '../../program/data/model.js';
import type { Route } from '../../program/http/route.js';
import type { ProgramModels } from '../../program/models.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { ProgramLinker } from '../../program/link.js';
import type { CallSite, Ref, Value } from '../../program/summary.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

interface Fanout {
  combinator: string;
  source: UnboundedSource;
  /** The array the elements come from, as the program refers to it. */
  array: Ref;
  /** The I/O each element starts, as the finding names it. */
  io: string;
  /** Each element runs a database query (through the pool, which already caps how many run at once). */
  database: boolean;
}

/** The `.map(callback)` call whose promises the combinator is given, directly or through a variable. */
function mappedCall(file: string, arg: Value | undefined, linker: ProgramLinker): CallSite | null {
  const summary = linker.summary(file);
  if (!summary || !arg) return null;
  let call: number | null = null;
  if (arg.kind === 'call') call = arg.call;
  else if (arg.kind === 'ref' && arg.ref.root.kind === 'variable' && !arg.ref.path.length) {
    const value = summary.variables[arg.ref.root.id]?.value;
    if (value?.kind === 'call') call = value.call;
  }
  const site = call === null ? undefined : summary.calls[call];
  return site?.callee?.path.at(-1) === 'map' && !site.chain?.length && site.args?.[0]?.kind === 'function' ? site : null;
}

/** The call reads or writes the database: a query itself, or a project function (a repository method) that makes one. */
function queries(call: ResolvedCall, models: ProgramModels): boolean {
  if (DataAccessModel.queryOf(call)) return true;
  const target = Graph.target(call);
  if (!target) return false;
  if (models.data.queriesIn(target).length) return true;
  return models.calls.callsIn(target).some((inner) => {
    const next = Graph.target(inner);
    return DataAccessModel.queryOf(inner) !== null || (next !== null && models.data.queriesIn(next).length > 0);
  });
}

/** What the callback (and what it declares inside) does per element: the first promise-returning call, or null under a limiter or without I/O. */
function ioPerElement(callback: FunctionRef, models: ProgramModels): { io: string; database: boolean } | null {
  const { calls, linker } = models;
  const functions = [callback];
  let found: { io: string; database: boolean } | null = null;
  for (let index = 0; index < functions.length; index++) {
    const fn = functions[index]!;
    functions.push(...calls.nestedIn(fn));
    for (const call of calls.callsIn(fn)) {
      if (isLimited(call)) return null;
      if (found) continue;
      const io = promiseOf(call, calls, linker)?.what;
      if (io) found = { io, database: queries(call, models) };
    }
  }
  return found;
}

/** Decorators and schema keywords that cap an array's length: class-validator, Zod, JSON schema / TypeBox. */
const ARRAY_BOUND = /@ArrayMaxSize\s*\(|\.max\s*\(\s*\d|\bmaxItems\b/;

/**
 * The route's request DTO caps the arrays it carries (`@ArrayMaxSize(30)` on a property of the class
 * a handler parameter is typed with): the array a use case gets from it is bounded by validation.
 */
function dtoBoundsArrays(models: ProgramModels, root: string, route: Route): boolean {
  if (!route.handler) return false;
  const info = models.calls.info(route.handler);
  for (const param of info?.params ?? []) {
    if (!param.type) continue;
    const resolved = models.linker.resolveRef(route.handler.file, param.type);
    if (resolved?.entity.kind !== 'class' || resolved.rest.length) continue;
    const cls = models.linker.summary(resolved.entity.file)?.classes[resolved.entity.cls];
    if (!cls) continue;
    let text: string;
    try {
      text = readFileSync(join(root, resolved.entity.file), 'utf8');
    } catch {
      continue;
    }
    if (ARRAY_BOUND.test(text.split('\n').slice(cls.line - 1, cls.endLine).join('\n'))) return true;
  }
  return false;
}

/** Some route that reaches the call has a DTO capping its arrays: the array may well be that one (precision first). */
function boundedByARoute(models: ProgramModels, root: string, call: ResolvedCall): boolean {
  const key = keyOf({ file: call.file, fn: call.site.fn });
  return models.routes.some((route) => route.handler !== null && models.calls.reachableFrom(route.handler).has(key) && dtoBoundsArrays(models, root, route));
}

function fanout(call: ResolvedCall, models: ProgramModels): Fanout | null {
  const { linker } = models;
  const combinator = promiseCombinator(call);
  if (!combinator) return null;
  const map = mappedCall(call.file, call.site.args?.[0], linker);
  if (!map?.callee) return null;
  const array = { root: map.callee.root, path: map.callee.path.slice(0, -1) };
  const found = unboundedSource(call.file, array, linker);
  if (!found) return null;
  // A destructured parameter has no name of its own in the model: the code's text names it.
  const source = found.text.startsWith('<param>') ? { ...found, text: map.text.replace(/\.map$/, '') } : found;
  const callback = map.args![0] as Extract<Value, { kind: 'function' }>;
  const io = ioPerElement({ file: call.file, fn: callback.fn }, models);
  return io ? { combinator, source, array, ...io } : null;
}

const DESCRIBE: Record<UnboundedSource['kind'], string> = { request: 'request input', query: 'a query result', parameter: 'a parameter' };

/** How the finding names the array's origin: `a parameter, filled from request input \`@body.items\``. */
function describe(source: UnboundedSource, origin: UnboundedSource | null): string {
  const own = `${DESCRIBE[source.kind]}${source.query ? `: ${source.query}` : ''}`;
  if (!origin) return own;
  return `${own}, filled from ${DESCRIBE[origin.kind]} \`${origin.text}\`${origin.query ? `: ${origin.query}` : ''}`;
}

export const unboundedConcurrency: Rule = {
  meta: {
    id: 'unbounded-concurrency',
    category: 'performance',
    severity: 'warn',
    title: 'I/O over arrays of unbounded length runs with a concurrency limit',
    why: '`Promise.all(items.map(async …))` starts one query or request per element at once. When the array comes from a client or a query it can hold thousands of elements: the connection pool is exhausted, every other request queues behind it, the upstream is flooded and memory climbs with every pending promise.',
    fix: 'Bound the concurrency (`p-limit`, `p-map` with `concurrency`), process the array in fixed-size batches, or replace the per-element calls with one set-based query (`WHERE id IN (...)`, `createMany`); cap request arrays in validation.',
    models: ['program', 'http', 'data'],
  },
  check({ models, project, report }) {
    const found = new Map<ResolvedCall, Fanout>();
    for (const call of models.everyCall) {
      const match = isTooling(call.file) ? null : fanout(call, models);
      if (match) found.set(call, match);
    }
    const inRequests = new Map(callsInRequests(models.routes, models.calls, (call) => found.has(call)).map((entry) => [entry.call, entry] as const));
    for (const [call, match] of found) {
      const entry = inRequests.get(call);
      // A parameter is unbounded only as far as its callers say; outside a request path (a CLI, a job) nothing says so.
      if (match.source.kind === 'parameter' && !entry) continue;
      // On a request path, the callers on the trace say what fills it: request input or a query result.
      // Anything else (another service's answer, a configured list, a constant) cannot be decided: quiet.
      const origin = match.source.kind === 'parameter' && entry ? parameterOrigin(call.file, match.array, entry.path, models.calls, models.linker) : null;
      if (match.source.kind === 'parameter' && !origin) continue;
      const kind = origin?.kind ?? match.source.kind;
      // Queries through a pooled client wait for a connection: the pool caps them. They are worth a
      // finding only when a client sets the array's length: request input with no DTO bound
      // (`@ArrayMaxSize`, Zod `.max()`, `maxItems`) on the route's input.
      if (match.database && (kind === 'query' || !entry || boundedByARoute(models, project.root, call))) continue;
      report({
        file: call.file,
        line: call.site.line,
        column: call.site.column,
        message: `\`${match.combinator}\` starts \`${match.io}\` for every element of \`${match.source.text}\` (${describe(match.source, origin)}) at once, with no concurrency limit${entry ? ` while serving ${routeSuffix(entry)}` : ''}.`,
        anchor: `${match.combinator}:${match.source.text}:${match.io}`,
        ...(entry ? { route: routeLabel(entry.route), trace: entry.trace } : {}),
      });
    }
  },
};
