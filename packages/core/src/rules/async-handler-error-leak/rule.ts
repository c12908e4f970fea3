import type { CallGraph, FunctionRef } from '../../program/call-graph.js';
import { keyOf } from '../../program/call-graph.js';
import { asyncPatchImport, expressMajor } from '../../program/http/express-async.js';
import { expressObject } from '../../program/http/express.js';
import { registrationArgs } from '../../program/http/handler.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { ProgramLinker } from '../../program/link.js';
import type { CallSite, Value } from '../../program/summary.js';
import type { Rule } from '../types.js';

/** A handler passed through a call (`asyncHandler(async (req, res) => …)`, `catchAsync(fn)`): the wrapper owns its rejections. */
function wrapped(file: string, value: Value, linker: ProgramLinker): boolean {
  if (value.kind !== 'call') return false;
  const site = linker.summary(file)?.calls[value.call];
  return (site?.args ?? []).some((arg) => arg.kind === 'function' || ((arg.kind === 'ref' || arg.kind === 'call') && linker.resolveValue(file, arg)?.entity.kind === 'function'));
}

/** The first awaited call of the function outside any try block or catch clause: where a rejection escapes. */
function unprotectedAwait(ref: FunctionRef, calls: CallGraph): CallSite | null {
  return calls.callsIn(ref).find(({ site }) => site.use === 'await' && !site.inTry && !site.inCatch)?.site ?? null;
}

const named = (name: string): string => (name === '<anonymous>' ? '' : `\`${name}\` `);

export const asyncHandlerErrorLeak: Rule = {
  meta: {
    id: 'async-handler-error-leak',
    category: 'validation-errors',
    severity: 'error',
    title: 'Async Express 4 handlers pass their rejections to the error handler',
    why: 'Express 4 ignores the promise an async handler returns. When an awaited call rejects outside a try/catch, the error never reaches `next(err)`: the error middleware does not run, the client waits until its socket times out, and Node reports an unhandled rejection (which ends the process under `--unhandled-rejections=throw`, the default since Node 15).',
    fix: 'Import `express-async-errors` once at start-up, wrap handlers (`express-async-handler` or a local `asyncHandler(fn)` that calls `fn(req, res, next).catch(next)`), put a try/catch that calls `next(err)` around the awaits, or upgrade to Express 5, which forwards rejected handler promises itself.',
    models: ['program', 'http'],
    appliesTo: { frameworks: ['express'] },
  },
  check({ models, project, report }) {
    if (asyncPatchImport(project)) return;
    const seen = new Map<string, { route: Route | null; others: number; report: () => void }>();
    for (const route of models.routes) {
      if (route.framework !== 'express') continue;
      const major = expressMajor(route.file, project.manifests);
      if (major === null || major >= 5) continue;
      for (const value of registrationArgs(route, models.linker)) {
        if (wrapped(route.file, value, models.linker)) continue;
        const resolved = models.linker.resolveValue(route.file, value);
        if (resolved?.entity.kind !== 'function' || resolved.rest.length) continue;
        const ref = { file: resolved.entity.file, fn: resolved.entity.fn };
        const key = keyOf(ref);
        const known = seen.get(key);
        if (known) {
          if (known.route !== route) known.others++;
          continue;
        }
        const info = models.calls.info(ref);
        if (!info?.async) continue;
        const escape = unprotectedAwait(ref, models.calls);
        if (!escape) continue;
        const isHandler = route.handler !== null && keyOf(route.handler) === key;
        const entry = {
          route,
          others: 0,
          report: () => {
            const label = routeLabel(route);
            const where = entry.others ? `${label} (and ${entry.others} other route${entry.others === 1 ? '' : 's'})` : label;
            report({
              file: ref.file,
              line: info.line,
              column: info.column,
              message: `Async ${isHandler ? 'handler' : 'middleware'} ${named(info.name)}of ${where} awaits \`${escape.text}\` (line ${escape.line}) outside a try/catch and has no wrapper: on Express ${major} a rejection never reaches the error handler and the request hangs.`,
              anchor: `${info.name}:${escape.text}`,
              route: label,
            });
          },
        };
        seen.set(key, entry);
      }
    }
    // `app.use(async (req, res, next) => …)`: application and router middleware, named without a route.
    for (const file of models.programFiles) {
      const major = expressMajor(file, project.manifests);
      if (major === null || major >= 5) continue;
      for (const site of models.linker.summary(file)?.calls ?? []) {
        const callee = site.callee;
        if (callee?.path.at(-1) !== 'use' || !expressObject(models.linker.resolveRef(file, { root: callee.root, path: callee.path.slice(0, -1) }))) continue;
        for (const value of site.args ?? []) {
          if (wrapped(file, value, models.linker)) continue;
          const resolved = models.linker.resolveValue(file, value);
          if (resolved?.entity.kind !== 'function' || resolved.rest.length) continue;
          const ref = { file: resolved.entity.file, fn: resolved.entity.fn };
          const info = models.calls.info(ref);
          if (seen.has(keyOf(ref)) || !info?.async) continue;
          const escape = unprotectedAwait(ref, models.calls);
          if (!escape) continue;
          seen.set(keyOf(ref), { route: null, others: 0, report: () => report({
            file: ref.file,
            line: info.line,
            column: info.column,
            message: `Async middleware ${named(info.name)}awaits \`${escape.text}\` (line ${escape.line}) outside a try/catch and has no wrapper: on Express ${major} a rejection never reaches the error handler and the request hangs.`,
            anchor: `${info.name}:${escape.text}`,
          }) });
        }
      }
    }
    for (const entry of seen.values()) entry.report();
  },
};
