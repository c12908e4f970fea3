import type { FunctionRef, ResolvedCall } from '../../program/call-graph.js';
import { classifiedCallsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { handlerBody } from '../../program/http/handler.js';
import { routeLabel } from '../../program/http/route.js';
import type { Rule } from '../types.js';
import { unboundedPayload } from './payload.js';
import { defineOptions, stringListOption } from '../options.js';

const options = defineOptions({
  /**
   * Models, repositories or tables (as the read names them: `order` for `prisma.order.findMany`,
   * `orders` for `db('orders')`) that the team knows stay small, so reading them whole is intended.
   * Lookup tables (roles, statuses, countries, settings…) are already left out.
   */
  smallTables: stringListOption({ default: [] }),
});

/** `JSON.parse` or `JSON.stringify`, the global, as the finding names it. */
function jsonCall(call: ResolvedCall): 'JSON.parse' | 'JSON.stringify' | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || entity.module !== '<global>' || call.callee!.rest.length) return null;
  const [object, method] = entity.path;
  if (object !== 'JSON' || entity.path.length !== 2) return null;
  return method === 'parse' ? 'JSON.parse' : method === 'stringify' ? 'JSON.stringify' : null;
}

export const eventLoopBlockingJson: Rule = {
  meta: {
    id: 'event-loop-blocking-json',
    category: 'performance',
    severity: 'warn',
    title: 'No JSON.parse or JSON.stringify of an unbounded payload while serving a request',
    why: '`JSON.parse` and `JSON.stringify` are synchronous: on a payload that grows with a table or with what a client sends, one request holds the event loop for as long as the payload is large (tens of milliseconds per megabyte), and every other request, timer and health check on the process waits behind it.',
    fix: 'Bound the payload: page the read (`take`, `.limit()`) or cap the body (`express.json({ limit })`, a byte count checked in the `data` listener); for documents that really are large, stream them (a streaming JSON parser or serialiser, NDJSON) or move the work to a worker thread.',
    models: ['program', 'http', 'data'],
    options,
  },
  check({ models, report, options: raw }) {
    const { smallTables } = options.resolve(raw);
    const handlersOf = new Map<string, FunctionRef[]>();
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, jsonCall)) {
      const key = `${entry.route.file}:${entry.route.line}:${entry.route.column}`;
      let handlers = handlersOf.get(key);
      if (!handlers) {
        handlers = [entry.route.handler, handlerBody(entry.route, models.linker)].filter((start): start is FunctionRef => start !== null);
        handlersOf.set(key, handlers);
      }
      const payload = unboundedPayload(models, entry.call.file, entry.call.site.args?.[0], { route: entry.route, handlers, smallTables });
      if (!payload) continue;
      const verb = entry.match === 'JSON.parse' ? 'parses' : 'serialises';
      const sourceInTrace = entry.trace.some((step) => step.file === payload.source.file && step.line === payload.source.line);
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${entry.match}\` ${verb} ${payload.what} on the event loop while serving ${routeSuffix(entry)}.`,
        anchor: `${models.calls.info(entry.fn)?.name ?? '<module>'}:${entry.match}:${payload.what}`,
        route: routeLabel(entry.route),
        trace: sourceInTrace ? entry.trace : [...entry.trace.slice(0, -1), payload.source, entry.trace.at(-1)!],
      });
    }
  },
};
