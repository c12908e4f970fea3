import { CallGraph, type ResolvedCall } from '../call-graph.js';
import type { ProgramModels } from '../models.js';
import { exitsProcess, processMethod, unknownCall } from './process-events.js';

/** A library or framework call that installs process-level handling by itself. */
export interface ShutdownSetup {
  /** `close-with-grace`, `@godaddy/terminus`, `enableShutdownHooks` (NestJS)… */
  library: string;
  file: string;
  line: number;
  /** It stops the server on SIGTERM/SIGINT. */
  signals: boolean;
  /** It also handles `uncaughtException` and `unhandledRejection` (logs through the callback, then closes). */
  errors: boolean;
}

/**
 * Packages whose one call wires signal handling (and, for some, the error events) to a close of
 * the server: close-with-grace (Fastify's own recommendation), Terminus, Lightship and
 * http-graceful-shutdown. Drain helpers that a handler must still call (http-terminator, stoppable)
 * are not here: the handler that calls them is what counts.
 */
const SETUP_CALLS: Record<string, { steps: readonly string[][]; errors: boolean }> = {
  'close-with-grace': { steps: [[], ['default']], errors: true },
  '@godaddy/terminus': { steps: [['createTerminus']], errors: false },
  lightship: { steps: [['createLightship']], errors: false },
  'http-graceful-shutdown': { steps: [[], ['default']], errors: false },
};
/** Fastify plugins that close the instance on signals once registered. */
const SETUP_PLUGINS = new Set(['fastify-graceful-shutdown', '@fastify/graceful-shutdown']);

const sameSteps = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((step, index) => step === b[index]);

/** Every call of the program that sets up shutdown handling through a library or the framework. */
export function shutdownSetups(models: ProgramModels): ShutdownSetup[] {
  const setups: ShutdownSetup[] = [];
  // Every call site of the program passes here and few are setups: the position is built for those only.
  const at = (call: ResolvedCall) => ({ file: call.file, line: call.site.line });
  for (const call of models.everyCall) {
    const method = call.site.callee?.path.at(-1);
    // NestJS: `app.enableShutdownHooks()` closes the application (server, providers' destroy hooks) on signals.
    if (method === 'enableShutdownHooks') {
      setups.push({ library: 'NestJS enableShutdownHooks', ...at(call), signals: true, errors: false });
      continue;
    }
    if (method === 'register' && call.site.args?.length) {
      const plugin = models.linker.resolveValue(call.file, call.site.args[0]!)?.entity;
      if (plugin?.kind === 'external' && SETUP_PLUGINS.has(plugin.module)) setups.push({ library: plugin.module, ...at(call), signals: true, errors: false });
      continue;
    }
    const external = CallGraph.external(call);
    const known = external ? SETUP_CALLS[external.module] : undefined;
    if (known && known.steps.some((steps) => sameSteps(steps, external!.steps))) setups.push({ library: external!.module, ...at(call), signals: true, errors: known.errors });
  }
  return setups;
}

/**
 * Calls that stop accepting or release a resource: `server.close()`, `app.close()`, `pool.end()`,
 * `prisma.$disconnect()`, `terminator.terminate()`, `server.stop()`, `redis.quit()`…
 */
const RELEASING = /^(close|closeAll|stop|shutdown|terminate|destroy|end|disconnect|\$disconnect|quit|drain|dispose|gracefulShutdown)$/i;

/**
 * What a signal or error handler does once it runs: `releases` when it closes a server or a
 * client (itself or through the functions it calls), `exits` when it ends the process without
 * releasing anything, `unknown` when it calls something the program cannot follow (a rule then
 * gives it the benefit of the doubt), `nothing` otherwise.
 */
export function handlerOutcome(calls: readonly ResolvedCall[]): 'releases' | 'exits' | 'unknown' | 'nothing' {
  if (calls.some((call) => !processMethod(call) && RELEASING.test(call.site.callee?.path.at(-1) ?? ''))) return 'releases';
  if (calls.some(unknownCall)) return 'unknown';
  return calls.some(exitsProcess) ? 'exits' : 'nothing';
}

/**
 * Whether the calls start a timer that can bound a drain: `setTimeout`/`setInterval`, the promise
 * `setTimeout` of `timers/promises`, `AbortSignal.timeout`.
 */
export function startsTimer(calls: readonly ResolvedCall[]): boolean {
  return calls.some((call) => {
    const entity = call.callee?.entity;
    if (entity?.kind !== 'external') return false;
    const path = [...entity.path, ...call.callee!.rest].filter((step) => step !== '()' && step !== 'new');
    if (entity.module === '<global>') return ['setTimeout', 'setInterval'].includes(path[0] ?? '') || (path[0] === 'AbortSignal' && path[1] === 'timeout');
    return entity.module === 'timers/promises' || (entity.module === 'timers' && /^(setTimeout|setInterval)$/.test(path.at(-1) ?? ''));
  });
}
