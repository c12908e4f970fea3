import type { ResolvedCall } from '../../program/call-graph.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { Rule } from '../types.js';

/** Built-in modules whose `*Sync` functions block the whole process while they run. */
const BLOCKING_MODULES = new Set(['fs', 'zlib', 'crypto', 'child_process']);

/** `fs.readFileSync`, as the finding names it, when the call is one. */
function blockingCall(call: ResolvedCall): string | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || call.callee!.rest.length) return null;
  const name = entity.path.at(-1);
  if (!BLOCKING_MODULES.has(entity.module) || !name?.endsWith('Sync') || entity.path.length !== 1) return null;
  return `${entity.module}.${name}`;
}

export const syncIoInRequest: Rule = {
  meta: {
    id: 'sync-io-in-request',
    category: 'performance',
    severity: 'warn',
    title: 'No synchronous file, compression, crypto or process calls while serving a request',
    why: 'Node serves every request on one thread. A synchronous call blocks that thread until it returns, so one slow disk read, a large gzip or a key derivation stalls every other request in flight, and latency climbs with load.',
    fix: 'Use the asynchronous API (`fs/promises`, `zlib.gzip` with a callback or promisified, `crypto.scrypt`, `child_process.execFile`), or move the work out of the request: read files once at start-up, or hand heavy work to a queue or a worker thread.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    const names = new Map<ResolvedCall, string>();
    const found = callsInRequests(models.routes, models.calls, (call) => {
      const name = blockingCall(call);
      if (name) names.set(call, name);
      return name !== null;
    });
    for (const entry of found) {
      const name = names.get(entry.call)!;
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${name}\` blocks the event loop while serving ${routeSuffix(entry)}.`,
        anchor: `${name}:${entry.call.site.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
