import { CallGraph, type ResolvedCall } from '../../program/call-graph.js';
import { unboundedRead } from '../../program/data/unbounded-read.js';
import { queryText } from '../../program/data/paging.js';
import { unboundedBodyAccumulation } from '../../program/http/request-body.js';
import type { Route } from '../../program/http/route.js';
import type { FunctionRef } from '../../program/call-graph.js';
import type { ProgramModels } from '../../program/models.js';
import type { Value } from '../../program/summary.js';
import type { TraceStep } from '../../types.js';

/** What makes a JSON payload unbounded, with where it comes from. */
export interface UnboundedPayload {
  /** `every row of \`prisma.order.findMany\` (prisma, no \`take\`)`: what the message says it is. */
  what: string;
  /** The line that makes it unbounded (the query, the `data` listener). */
  source: TraceStep;
}

/** Array methods whose result grows with the array they are called on (`rows.map(toDto)`). */
const GROWS_WITH_ARRAY = new Set(['map', 'filter', 'flat', 'flatMap', 'sort', 'toSorted', 'reverse', 'concat']);
/** Methods whose result is the same text or bytes (`body.toString()`). */
const SAME_TEXT = new Set(['toString', 'trim']);
/** Handler → service → repository: how many returns a payload is followed through. */
const MAX_DEPTH = 4;

interface Where {
  route: Route;
  /** The functions the route's handler starts in (see callsInRequests). */
  handlers: readonly FunctionRef[];
  smallTables: readonly string[];
}

function resolvedCall(models: ProgramModels, file: string, index: number): ResolvedCall | undefined {
  const site = models.linker.summary(file)?.calls[index];
  return site ? models.calls.callsIn({ file, fn: site.fn }).find((call) => call.index === index) : undefined;
}

/**
 * The payload a JSON call is given, followed through what the syntax says: variables, object and
 * array literals, `rows.map(…)`, `body.toString()`, and the return value of the project's functions
 * (a service returning a repository's read). A value it cannot follow is not unbounded: the rule stays
 * quiet where it cannot decide.
 */
export function unboundedPayload(models: ProgramModels, file: string, value: Value | undefined, where: Where, depth = 0): UnboundedPayload | null {
  if (!value || depth > MAX_DEPTH) return null;
  const summary = models.linker.summary(file);
  if (!summary) return null;
  switch (value.kind) {
    case 'object':
      for (const inner of Object.values(value.properties)) {
        const found = unboundedPayload(models, file, inner, where, depth + 1);
        if (found) return found;
      }
      return null;
    case 'array':
      for (const inner of value.elements) {
        const found = unboundedPayload(models, file, inner, where, depth + 1);
        if (found) return found;
      }
      return null;
    case 'ref': {
      const root = value.ref.root;
      if (root.kind !== 'variable' || value.ref.path.length) return null;
      const variable = summary.variables[root.id];
      for (const handler of where.handlers) {
        const site = unboundedBodyAccumulation(where.route, handler, file, root.id, models.linker);
        if (site) return { what: `the raw request body, read from its stream with no size limit (\`${site.text}('data', …)\`)`, source: { file, line: site.line, column: site.column, message: `reads the request stream with no size limit` } };
      }
      return unboundedPayload(models, file, variable?.value, where, depth + 1);
    }
    case 'call': {
      const call = resolvedCall(models, file, value.call);
      if (!call) return null;
      const read = unboundedRead(call, where.smallTables);
      if (read) {
        const text = queryText(call.site);
        return {
          what: `every row of \`${text}\` (${read.library}, no ${read.paging.limitWord})`,
          source: { file, line: call.site.line, column: call.site.column, message: `reads every matching row of ${text} with no ${read.paging.limitWord}` },
        };
      }
      const callee = call.site.callee;
      const method = callee?.path.at(-1) ?? '';
      // `rows.map(toDto)`, `body.toString()`: the same payload in another shape.
      if (callee?.root.kind === 'variable' && callee.path.length === 1 && (GROWS_WITH_ARRAY.has(method) || SAME_TEXT.has(method))) {
        return unboundedPayload(models, file, { kind: 'ref', ref: { root: callee.root, path: [] } }, where, depth + 1);
      }
      const target = CallGraph.target(call);
      if (!target) return null;
      return unboundedPayload(models, target.file, models.calls.info(target)?.returns, where, depth + 1);
    }
    default:
      return null;
  }
}
