import { callsReachedFrom, processListeners, UNKNOWN_EVENT, unknownCall, type ProcessListener } from '../../program/ops/process-events.js';
import { filesOfService, firstEntryPerPackage, serverLabel, serviceEntries } from '../../program/ops/services.js';
import { handlerOutcome, shutdownSetups, startsTimer } from '../../program/ops/shutdown.js';
import type { ProgramModels } from '../../program/models.js';
import type { Rule } from '../types.js';

/** A listener on an event the program cannot read may be the one that stops the server: the rule stays quiet then. */
const STOP_SIGNALS = new Set(['SIGTERM', 'SIGINT', UNKNOWN_EVENT]);

/**
 * What the SIGTERM listeners do together: the best of them wins (one that closes the server is
 * enough). `untimed`: it closes something, calls nothing the program cannot follow, and starts no
 * timer, so nothing bounds the drain.
 */
function sigtermOutcome(models: ProgramModels, listeners: readonly ProcessListener[]): 'releases' | 'untimed' | 'exits' | 'unknown' | 'nothing' {
  const outcomes = listeners.map((listener) => {
    if (!listener.handler) return 'unknown';
    const calls = callsReachedFrom(models, listener.handler);
    const outcome = handlerOutcome(calls);
    return outcome === 'releases' && !calls.some(unknownCall) && !startsTimer(calls) ? 'untimed' : outcome;
  });
  for (const best of ['releases', 'unknown', 'untimed', 'exits'] as const) if (outcomes.includes(best)) return best;
  return 'nothing';
}

export const gracefulShutdown: Rule = {
  meta: {
    id: 'graceful-shutdown',
    category: 'production',
    severity: 'warn',
    title: 'A service stops gracefully on SIGTERM',
    why: 'Every deploy, scale-in and node drain sends SIGTERM, and a Node process with no listener for it dies at once: the requests in flight are cut mid-response, the load balancer still sends traffic to a closed port, and database transactions and queued jobs are abandoned instead of finished.',
    fix: 'On SIGTERM (and SIGINT), stop accepting new connections (`server.close()`, `app.close()`), let in-flight requests finish, close the database pools, queues and caches, and exit, with a timeout that forces the exit before the orchestrator\'s kill (NestJS `app.enableShutdownHooks()`, close-with-grace, @godaddy/terminus, http-terminator or lightship do the plumbing).',
    models: ['program'],
  },
  check({ models, project, report }) {
    const entries = serviceEntries(models, project);
    if (!entries.length) return;
    const listeners = processListeners(models).filter((listener) => STOP_SIGNALS.has(listener.event));
    const setups = shutdownSetups(models).filter((setup) => setup.signals);
    for (const entry of firstEntryPerPackage(entries)) {
      const files = filesOfService(models, project, entry.packageDir);
      if (setups.some((setup) => files.has(setup.file))) continue;
      const own = listeners.filter((listener) => files.has(listener.file));
      if (own.some((listener) => listener.event === UNKNOWN_EVENT)) continue;
      const sigterm = own.filter((listener) => listener.event === 'SIGTERM');
      const at = { file: entry.file, line: entry.line, column: entry.column, anchor: `graceful-shutdown:${entry.packageDir}` };
      const service = `The ${serverLabel(entry)} service started here`;
      if (!own.length) {
        report({ ...at, message: `${service} has no SIGTERM or SIGINT handling: on every deploy or scale-in the process dies at once, cutting the requests in flight and leaving its connections open.` });
      } else if (!sigterm.length) {
        const sigint = own[0]!;
        report({ ...at, message: `${service} handles SIGINT (${sigint.file}:${sigint.line}) but not SIGTERM, the signal orchestrators and \`docker stop\` send: there the process dies at once, cutting the requests in flight.` });
      } else {
        const outcome = sigtermOutcome(models, sigterm);
        const first = sigterm[0]!;
        if (outcome === 'exits') {
          report({ ...at, severity: 'info', message: `${service} exits at once on SIGTERM (${first.file}:${first.line}) without closing the server or its connections: the requests in flight are cut as if there were no handler.` });
        } else if (outcome === 'untimed') {
          report({ ...at, severity: 'info', message: `${service} closes on SIGTERM (${first.file}:${first.line}) with no timeout: a keep-alive connection, a hung request or an open pool keeps the process up until the orchestrator kills it mid-drain.` });
        } else if (outcome === 'nothing') {
          report({ ...at, severity: 'info', message: `${service} listens for SIGTERM (${first.file}:${first.line}) but neither closes the server nor exits there: the listener replaces Node's default exit, so the process runs on until it is killed.` });
        }
      }
    }
  },
};
