import { CallGraph, keyOf, type FunctionKey, type FunctionRef, type PathStep, type ResolvedCall } from '../../program/call-graph.js';
import { DataAccessModel, type Query } from '../../program/data/model.js';
import { traceOf } from '../../program/handler-reach.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { ProgramModels } from '../../program/models.js';
import type { Value } from '../../program/summary.js';
import type { TraceStep } from '../../types.js';
import type { Rule } from '../types.js';

/**
 * Loops that walk a collection. `while`/`do` loops are left out: they page through batches or retry,
 * which is the fix for N+1, not the problem.
 */
const ROW_LOOPS = new Set(['for-of', 'for-in', 'for']);

/** How a call repeats in its function: `a \`for-of\` loop`, `a \`.map()\` callback`, or null. */
function repetition(models: ProgramModels, fn: FunctionRef, call: ResolvedCall): string | null {
  if (call.site.loop && ROW_LOOPS.has(call.site.loop)) return `a \`${call.site.loop}\` loop`;
  const iteration = models.calls.info(fn)?.iteration;
  return iteration ? `a \`.${iteration}()\` callback` : null;
}

/**
 * Runs for every element: not when every path after it leaves the loop (`if (match) { findOne(); return }`
 * runs once), nor in a fallback branch of the loop body (`if (!quote) { … }`, an `else`: a memo per
 * distinct key `if (x === fixed) … else seen[key] = await query()`) that runs for some elements only.
 * A positive guard (`if (item != null)`, `if (change.type === 'FEED')`) still runs per element.
 */
function everyElement(call: ResolvedCall): boolean {
  if (call.site.loop && ROW_LOOPS.has(call.site.loop)) return !call.site.exitsLoop && !call.site.inFallback;
  return !call.site.inFallback;
}

/** What the repetition walks: the `for-of`/`for-in` collection, or the receiver of the iteration callback. */
function walked(models: ProgramModels, fn: FunctionRef, call: ResolvedCall): Value | undefined {
  if (call.site.loop && ROW_LOOPS.has(call.site.loop)) return call.site.loopOver;
  return models.calls.info(fn)?.iterationOver;
}

/** Config and properties services: the lists they hold are a handful of configured entries, not rows. */
const CONFIG_SOURCE = /(config|configuration|property|properties|settings|options)(service)?\.(get|getOrThrow|values)$|^process\.env\b/i;

/**
 * A collection fixed by construction: an array literal, `Object.values(SomeEnum)` (keys/entries), or a
 * list read from a config/properties service. Its length is set by the code, not by the data.
 */
function fixedCollection(models: ProgramModels, file: string, value: Value | undefined, depth = 0): boolean {
  if (!value || depth > 3) return false;
  const summary = models.linker.summary(file);
  switch (value.kind) {
    case 'array':
      return true;
    case 'ref': {
      const root = value.ref.root;
      if (root.kind === 'variable' && value.ref.path.length === 0) return fixedCollection(models, file, summary?.variables[root.id]?.value, depth + 1);
      return false;
    }
    case 'call': {
      const site = summary?.calls[value.call];
      if (!site) return false;
      if (/^Object\.(values|keys|entries)$/.test(site.text)) {
        const arg = site.args?.[0];
        return arg?.kind === 'ref' && (arg.ref.root.kind === 'import' || arg.ref.root.kind === 'global' || arg.ref.root.kind === 'class') || arg?.kind === 'object';
      }
      return CONFIG_SOURCE.test(site.text);
    }
    default:
      return false;
  }
}

/** Arguments that page (`{ skip: i, take: 500 }`): a loop that reads a batch per turn is the cure, not the N+1. */
const PAGING_KEYS = /^(skip|offset|take|limit|cursor|page|pageSize|after|before)$/;

const pages = (call: ResolvedCall): boolean =>
  (call.site.args ?? []).some((arg) => arg.kind === 'object' && Object.keys(arg.properties).some((key) => PAGING_KEYS.test(key))) ||
  (call.site.chain ?? []).some((step) => step.name === 'skip' || step.name === 'offset');

/** ` in \`OrdersService.list\``: the nearest named function around (callbacks and arrow handlers have no name). */
function enclosingName(models: ProgramModels, fn: FunctionRef): string {
  const functions = models.linker.summary(fn.file)?.functions ?? [];
  for (let index = fn.fn, depth = 0; index >= 0 && depth < 16; depth++) {
    const info = functions[index];
    if (!info) break;
    if (info.name !== '<anonymous>') return ` in \`${info.name}\``;
    index = info.parent;
  }
  return '';
}

interface Reached {
  route: Route;
  ref: FunctionRef;
  path: PathStep[];
}

/** Functions a route handler reaches, each with the first route (in route order) and the path there. */
function reachedFromRoutes(models: ProgramModels): Map<FunctionKey, Reached> {
  const reached = new Map<FunctionKey, Reached>();
  for (const route of models.routes) {
    if (!route.handler) continue;
    for (const [key, { ref, path }] of models.calls.reachableFrom(route.handler)) if (!reached.has(key)) reached.set(key, { route, ref, path });
  }
  return reached;
}

/** Functions of service / use-case files (the application layer): they run per request whether or not the model sees the route. */
function serviceFunctions(models: ProgramModels, layerOf: (file: string) => string | undefined): FunctionRef[] {
  return models.programFiles
    .filter((file) => layerOf(file) === 'application')
    .flatMap((file) => (models.linker.summary(file)?.functions ?? []).map((_, fn) => ({ file, fn })));
}

/**
 * Reads only: a write per element (an import saving each row) is often what the loop is for, and
 * bulk writes are a different fix; a raw statement counts when its SQL is a SELECT.
 */
function isRead(models: ProgramModels, query: Query): boolean {
  if (query.kind === 'read-one' || query.kind === 'read-many' || query.kind === 'count') return true;
  if (query.kind !== 'raw') return false;
  const sql = query.call.site.args?.[0];
  const text = sql && models.linker.resolveValue(query.call.file, sql)?.entity;
  const head = text?.kind === 'value' ? (text.value.kind === 'string' ? text.value.value : text.value.kind === 'text' ? text.value.head : '') : '';
  return /^\s*(select|with)\b/i.test(head);
}

const readsIn = (models: ProgramModels, fn: FunctionRef): Query | undefined => models.data.queriesIn(fn).find((query) => isRead(models, query));

/** The first query a project function makes, itself or one call further down, with the calls on the way. */
function queryBelow(models: ProgramModels, from: FunctionRef, target: FunctionRef): { query: Query; via: ResolvedCall[] } | null {
  const direct = readsIn(models, target);
  if (direct) return { query: direct, via: [] };
  // One call further only through a straight delegation (service → repository): behind a branch the
  // deeper query may run once (`if (!solved) solve()`), not once per element.
  if (models.calls.info(target)?.branches) return null;
  for (const call of models.calls.callsIn(target)) {
    const next = CallGraph.target(call);
    if (!next || keyOf(next) === keyOf(from) || keyOf(next) === keyOf(target)) continue;
    const deeper = readsIn(models, next);
    if (deeper) return { query: deeper, via: [call] };
  }
  return null;
}

const step = (models: ProgramModels, call: ResolvedCall, into?: FunctionRef): TraceStep => ({
  file: call.file,
  line: call.site.line,
  column: call.site.column,
  message: `calls ${into ? (models.calls.info(into)?.name ?? call.site.text) : call.site.text}`,
});

export const nPlusOne: Rule = {
  meta: {
    id: 'n-plus-one',
    category: 'persistence',
    severity: 'warn',
    title: 'No database query once per element of a loop',
    why: 'A query inside a loop over rows costs one database round trip per row: a page of 50 orders becomes 51 queries, latency grows with the data, and the pool drains under load while the same rows could come back in one query.',
    fix: 'Load the related rows in one query before the loop (`where: { id: { in: ids } }`, `$in`, a join or `include`/`relations`), index them by key in a Map, and look them up inside the loop; write in bulk with `createMany`/`insertMany`/`bulkCreate`.',
    models: ['program', 'http', 'data'],
  },
  check({ models, project, report }) {
    const reached = reachedFromRoutes(models);
    const scope = new Map<FunctionKey, FunctionRef>();
    for (const [key, entry] of reached) scope.set(key, entry.ref);
    for (const fn of serviceFunctions(models, (file) => project.layers.layerOf(file))) scope.set(keyOf(fn), fn);
    const seen = new Set<string>();
    const perLoop = new Map<string, { count: number; emit: (count: number) => void }>();
    for (const [key, fn] of scope) {
      const info = models.calls.info(fn);
      if (!info) continue;
      for (const call of models.calls.callsIn(fn)) {
        const loop = repetition(models, fn, call);
        if (!loop || pages(call) || !everyElement(call)) continue;
        if (fixedCollection(models, fn.file, walked(models, fn, call))) continue;
        const site = `${call.file}#${call.index}`;
        if (seen.has(site)) continue;
        const found = DataAccessModel.queryOf(call);
        const query = found && isRead(models, found) ? found : null;
        if (found && !query) continue;
        const target = query ? null : CallGraph.target(call);
        const below = target && keyOf(target) !== key ? queryBelow(models, fn, target) : null;
        if (!query && !below) continue;
        seen.add(site);
        const entry = reached.get(key);
        const where = entry ? ` while serving ${routeLabel(entry.route)}` : '';
        const trace: TraceStep[] = entry ? traceOf(entry.route, entry.path, call, models.calls) : [step(models, call)];
        if (below) {
          trace[trace.length - 1] = step(models, call, target!);
          for (const via of below.via) trace.push(step(models, via, CallGraph.target(via)!));
          trace.push(step(models, below.query.call));
        }
        const made = query ?? below!.query;
        const message = (more: string) =>
          query
            ? `\`${call.site.text}\` (${made.library} ${made.operation})${more} runs once per element of ${loop}${enclosingName(models, fn)}: one query per row${where}.`
            : `\`${call.site.text}\` runs a query (\`${made.call.site.text}\`, ${made.library} ${made.operation})${more} once per element of ${loop}${enclosingName(models, fn)}: one query per row${where}.`;
        // Several queries per element of one loop are one N+1: the fix (load the rows before the loop) is per loop.
        const loopKey = `${call.file}#${fn.fn}#${loop}#${call.site.loopLine ?? ''}`;
        const known = perLoop.get(loopKey);
        if (known) {
          known.count++;
          continue;
        }
        perLoop.set(loopKey, {
          count: 1,
          emit: (count) =>
            report({
              file: call.file,
              line: call.site.line,
              column: call.site.column,
              message: message(count > 1 ? ` and ${count - 1} other quer${count === 2 ? 'y' : 'ies'} of the same loop` : ''),
              anchor: `${info.name}:${call.site.text}`,
              ...(entry ? { route: routeLabel(entry.route) } : {}),
              ...(entry || below ? { trace } : {}),
            }),
        });
      }
    }
    for (const { count, emit } of perLoop.values()) emit(count);
  },
};
