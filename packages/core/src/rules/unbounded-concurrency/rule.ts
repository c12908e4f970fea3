import { unboundedSource, type UnboundedSource } from '../../program/async/array-source.js';
import { isLimited, promiseCombinator, promiseOf } from '../../program/async/promises.js';
import type { CallGraph, FunctionRef, ResolvedCall } from '../../program/call-graph.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { ProgramLinker } from '../../program/link.js';
import type { CallSite, Value } from '../../program/summary.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

interface Fanout {
  combinator: string;
  source: UnboundedSource;
  /** The I/O each element starts, as the finding names it. */
  io: string;
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

/** What the callback (and what it declares inside) does per element: the first promise-returning call, or null under a limiter or without I/O. */
function ioPerElement(callback: FunctionRef, calls: CallGraph, linker: ProgramLinker): string | null {
  const functions = [callback];
  let io: string | null = null;
  for (let index = 0; index < functions.length; index++) {
    const fn = functions[index]!;
    functions.push(...calls.nestedIn(fn));
    for (const call of calls.callsIn(fn)) {
      if (isLimited(call)) return null;
      io ??= promiseOf(call, calls, linker)?.what ?? null;
    }
  }
  return io;
}

function fanout(call: ResolvedCall, calls: CallGraph, linker: ProgramLinker): Fanout | null {
  const combinator = promiseCombinator(call);
  if (!combinator) return null;
  const map = mappedCall(call.file, call.site.args?.[0], linker);
  if (!map?.callee) return null;
  const found = unboundedSource(call.file, { root: map.callee.root, path: map.callee.path.slice(0, -1) }, linker);
  if (!found) return null;
  // A destructured parameter has no name of its own in the model: the code's text names it.
  const source = found.text.startsWith('<param>') ? { ...found, text: map.text.replace(/\.map$/, '') } : found;
  const callback = map.args![0] as Extract<Value, { kind: 'function' }>;
  const io = ioPerElement({ file: call.file, fn: callback.fn }, calls, linker);
  return io ? { combinator, source, io } : null;
}

const DESCRIBE: Record<UnboundedSource['kind'], string> = { request: 'request input', query: 'a query result', parameter: 'a parameter' };

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
  check({ models, report }) {
    const found = new Map<ResolvedCall, Fanout>();
    for (const file of models.programFiles) {
      const summary = models.linker.summary(file);
      if (!summary || isTooling(file)) continue;
      for (let fn = -1; fn < summary.functions.length; fn++) {
        for (const call of models.calls.callsIn({ file, fn })) {
          const match = fanout(call, models.calls, models.linker);
          if (match) found.set(call, match);
        }
      }
    }
    const inRequests = new Map(callsInRequests(models.routes, models.calls, (call) => found.has(call)).map((entry) => [entry.call, entry] as const));
    for (const [call, match] of found) {
      const entry = inRequests.get(call);
      // A parameter is unbounded only as far as its callers say; outside a request path (a CLI, a job) nothing says so.
      if (match.source.kind === 'parameter' && !entry) continue;
      report({
        file: call.file,
        line: call.site.line,
        column: call.site.column,
        message: `\`${match.combinator}\` starts \`${match.io}\` for every element of \`${match.source.text}\` (${DESCRIBE[match.source.kind]}${match.source.query ? `: ${match.source.query}` : ''}) at once, with no concurrency limit${entry ? ` while serving ${routeSuffix(entry)}` : ''}.`,
        anchor: `${match.combinator}:${match.source.text}:${match.io}`,
        ...(entry ? { route: routeLabel(entry.route), trace: entry.trace } : {}),
      });
    }
  },
};
