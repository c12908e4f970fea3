import type { ResolvedCall } from '../../program/call-graph.js';
import type { ProgramModels } from '../../program/models.js';
import type { Value } from '../../program/summary.js';
import { queryText } from '../../program/data/paging.js';
import { unboundedRead, type UnboundedRead } from '../../program/data/unbounded-read.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { Rule } from '../types.js';

/** Handler → service → repository: how far below the handler a list read still answers the route. */
const MAX_CALLS_BELOW_HANDLER = 2;

/** Writes: what they return is not the rows passed to them. */
const WRITE_METHOD = /^(create|createMany|insert|insertMany|update|updateMany|upsert|save|delete|deleteMany|bulkCreate|bulkWrite|destroy|remove)$/;

/** Calls that write the response body: `res.json(x)`, `res.status(200).send(x)`, `reply.send(x)`. */
const RESPONSE_METHOD = /^(json|jsonp|send|end|render)$/;

/**
 * The rows read go out in the response: the call is returned (`return repo.find()`), or the variable
 * holding its result is returned by its function (`return rows`, `return { items: rows.map(…) }`) or
 * passed to `res.json`/`send`. A read used to compute something else (a hash of ids, the writes of an
 * admin action, a check) would not get smaller by paging it.
 */
function flowsIntoResponse(models: ProgramModels, call: ResolvedCall): boolean {
  if (call.site.use === 'return') return true;
  const summary = models.linker.summary(call.file);
  if (!summary) return false;
  const holders = new Set<number>();
  summary.variables.forEach((variable, id) => {
    if (variable.value?.kind === 'call' && variable.value.call === call.index) holders.add(id);
  });
  const mentions = (value: Value | undefined, depth = 0): boolean => {
    if (!value || depth > 5) return false;
    switch (value.kind) {
      case 'ref':
        return value.ref.root.kind === 'variable' && holders.has(value.ref.root.id);
      case 'call':
      case 'new': {
        if (value.call === call.index) return true;
        const inner = summary.calls[value.call];
        if (!inner) return false;
        // `return prisma.order.createMany({ data: rows })` returns the write's result, not the rows.
        if (WRITE_METHOD.test(inner.text.split('.').at(-1) ?? '')) return false;
        return (!!inner.callee && mentions({ kind: 'ref', ref: inner.callee }, depth + 1)) || (inner.args ?? []).some((arg) => mentions(arg, depth + 1));
      }
      case 'object':
        return Object.values(value.properties).some((inner) => mentions(inner, depth + 1));
      case 'array':
        return value.elements.some((inner) => mentions(inner, depth + 1));
      default:
        return false;
    }
  };
  if (mentions(summary.functions[call.site.fn]?.returns)) return true;
  return summary.calls.some(
    (site) =>
      site.fn === call.site.fn &&
      ((RESPONSE_METHOD.test(site.text.split('.').at(-1) ?? '') && (site.args ?? []).some((arg) => mentions(arg))) ||
        (site.chain ?? []).some((step) => RESPONSE_METHOD.test(step.name) && step.args.some((arg) => mentions(arg)))),
  );
}

export const unboundedQuery: Rule = {
  meta: {
    id: 'unbounded-query',
    category: 'persistence',
    severity: 'warn',
    title: 'No list read without a limit while serving a request',
    why: 'A list read with no limit returns every matching row: fine with test data, but the rows, the memory and the serialisation grow with the table, so one request for a large account can take seconds, exhaust memory and hold a connection for all of it.',
    fix: 'Page the read: a limit from the request with a maximum (`take: Math.min(query.limit, 100)`, `.limit()`), keyset or offset pagination with a stable order, or select by a key when one row or a known set of rows is meant.',
    models: ['program', 'http', 'data'],
  },
  check({ models, report }) {
    const found = new Map<ResolvedCall, UnboundedRead>();
    // A list is what a GET answers; a write route that reads every matching row (re-tag them, merge
    // them) needs all of them, and a limit there would be a bug.
    const reads = models.routes.filter((route) => route.method === 'GET' || route.method === 'HEAD' || route.method === 'ALL');
    const entries = callsInRequests(reads, models.calls, (call) => {
      const read = unboundedRead(call);
      if (read) found.set(call, read);
      return read !== null;
    });
    for (const entry of entries) {
      // The list a route returns is read by its handler, its service or the repository below: deeper
      // reads belong to computations that need every row (a portfolio, a report) and would break paged.
      if (entry.trace.length - 2 > MAX_CALLS_BELOW_HANDLER) continue;
      if (!flowsIntoResponse(models, entry.call)) continue;
      const { paging, library } = found.get(entry.call)!;
      const text = queryText(entry.call.site);
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${text}\` (${library}) reads every matching row with no ${paging.limitWord} while serving ${routeSuffix(entry)}.`,
        anchor: `${text}:${library}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
