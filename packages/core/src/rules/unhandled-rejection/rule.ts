import { processListeners, UNKNOWN_EVENT } from '../../program/ops/process-events.js';
import { filesOfService, firstEntryPerPackage, serverLabel, serviceEntries } from '../../program/ops/services.js';
import { shutdownSetups } from '../../program/ops/shutdown.js';
import type { Rule } from '../types.js';

/** The process events whose listeners are a policy for failures nothing else caught (and one the program cannot read, which may be). */
const FAILURE_EVENTS = new Set(['unhandledRejection', 'uncaughtException', 'uncaughtExceptionMonitor', UNKNOWN_EVENT]);

export const unhandledRejection: Rule = {
  meta: {
    id: 'unhandled-rejection',
    category: 'production',
    severity: 'info',
    title: 'A service decides what happens to errors nothing caught',
    why: 'Since Node 15 an unhandled rejection crashes the process, as an uncaught exception always did, so nothing fails silently; but the error is printed to stderr as a bare stack, outside the structured logs and alerts, the logger may lose its last buffered lines, and every request in flight is cut instead of drained.',
    fix: 'Register `process.on(\'unhandledRejection\')` and `process.on(\'uncaughtException\')` once in the entry point: log the error at fatal level through the application logger, start the same graceful shutdown as SIGTERM with a short timeout, and exit non-zero so the orchestrator restarts the instance (close-with-grace does all of this in one call).',
    models: ['program'],
  },
  check({ models, project, report }) {
    const entries = serviceEntries(models, project);
    if (!entries.length) return;
    const listeners = processListeners(models).filter((listener) => FAILURE_EVENTS.has(listener.event));
    const setups = shutdownSetups(models).filter((setup) => setup.errors);
    for (const entry of firstEntryPerPackage(entries)) {
      const files = filesOfService(models, project, entry.packageDir);
      if (listeners.some((listener) => files.has(listener.file)) || setups.some((setup) => files.has(setup.file))) continue;
      report({
        file: entry.file,
        line: entry.line,
        column: entry.column,
        message: `The ${serverLabel(entry)} service started here has no \`unhandledRejection\` or \`uncaughtException\` policy: an error nothing caught crashes it with a bare stack on stderr, outside the logs, and cuts the requests in flight.`,
        anchor: `unhandled-rejection:${entry.packageDir}`,
      });
    }
  },
};
