import type { CallGraph, FunctionRef, ResolvedCall } from '../../program/call-graph.js';
import { classifiedCallsInRequests, routeSuffix, type CallInRequest } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { Rule } from '../types.js';

/** Built-in modules whose `*Sync` functions block the whole process while they run. */
const BLOCKING_MODULES = new Set(['fs', 'zlib', 'crypto', 'child_process']);

/**
 * File-system metadata calls: they touch an inode or a directory entry, not a file's contents, and
 * return in microseconds on a local disk. Reported as a notice, not a warning.
 */
const METADATA_CALLS = new Set(['existsSync', 'statSync', 'lstatSync', 'mkdirSync', 'readdirSync', 'renameSync', 'unlinkSync', 'rmSync', 'accessSync', 'realpathSync']);

/**
 * The call runs once per process: it sits under an `if` testing a module-level variable that its own
 * function (or, on the way from the handler, the caller or the called function) assigns. The memo
 * `if (!cache) { cache = readFileSync(…) }` and the once-flag `if (!ready) prepare()` with
 * `ready = true` in `prepare`.
 */
function oncePerProcess(entry: CallInRequest, calls: CallGraph): boolean {
  const assigns = (ref: FunctionRef) => (ref.fn >= 0 ? (calls.info(ref)?.assigns ?? []) : []);
  const memo = (call: ResolvedCall, ...fns: FunctionRef[]) => call.site.guards?.some((name) => fns.some((fn) => assigns(fn).includes(name))) ?? false;
  if (memo(entry.call, entry.fn)) return true;
  return entry.path.some((step) => memo(step.call, { file: step.call.file, fn: step.call.site.fn }, step.into));
}

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
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, blockingCall)) {
      if (oncePerProcess(entry, models.calls)) continue;
      const name = entry.match;
      const metadata = entry.call.callee?.entity.kind === 'external' && entry.call.callee.entity.module === 'fs' && METADATA_CALLS.has(name.slice('fs.'.length));
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: metadata
          ? `\`${name}\` blocks the event loop while serving ${routeSuffix(entry)}: a metadata call, usually microseconds on a local disk, so a notice rather than a warning (it is slow on a network file system or a large directory).`
          : `\`${name}\` blocks the event loop while serving ${routeSuffix(entry)}.`,
        ...(metadata ? { severity: 'info' as const } : {}),
        // The enclosing function keeps two sites of the same call text in one file apart, so that
        // silencing one (a memo) does not hand its fingerprint to the other.
        anchor: `${models.calls.info(entry.fn)?.name ?? '<module>'}:${name}:${entry.call.site.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
