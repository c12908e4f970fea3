import { keyOf } from '../../program/call-graph.js';
import { handlerBody } from '../../program/http/handler.js';
import { isExpressErrorMiddleware, responseWrite, type ResponseWrite } from '../../program/http/response.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { CallSite, FunctionInfo, ProgramSummary, Value } from '../../program/summary.js';
import type { Rule } from '../types.js';

/** What of an error reaches the client. */
type Leak = 'stack' | 'object' | 'message';

const LEAK_WORDS: Record<Leak, string> = {
  stack: "the caught error's stack",
  object: 'the caught error object',
  message: "the caught error's message",
};

/** Functions of the file given to a promise's `.catch` (or as the second argument of `.then`): their first parameter is a caught error. */
function catchCallbacks(summary: ProgramSummary): Set<number> {
  const callbacks = new Set<number>();
  const note = (value: Value | undefined) => {
    if (value?.kind === 'function') callbacks.add(value.fn);
  };
  for (const site of summary.calls) {
    const last = site.callee?.path.at(-1);
    if (last === 'catch') note(site.args?.[0]);
    if (last === 'then') note(site.args?.[1]);
    for (const link of site.chain ?? []) {
      if (link.name === 'catch') note(link.args[0]);
      if (link.name === 'then') note(link.args[1]);
    }
  }
  return callbacks;
}

interface ErrorSources {
  /** Catch callbacks of the file. */
  callbacks: ReadonlySet<number>;
  /** The error parameter of the Express error middleware the write is made in, if it is one. */
  middlewareError: number | null;
  /** The project function a call site calls, when the model resolves it. */
  callee: (site: CallSite) => FunctionInfo | undefined;
}

/** The worst leak among a body's values: a ref to a caught error, its stack or message, inside object literals too. */
function leakIn(value: Value, summary: ProgramSummary, sources: ErrorSources, depth = 0): Leak | null {
  if (depth > 3) return null;
  if (value.kind === 'object') {
    let worst: Leak | null = null;
    for (const property of Object.values(value.properties)) worst = worse(worst, leakIn(property, summary, sources, depth + 1));
    return worst;
  }
  if (value.kind === 'array') return value.elements.reduce<Leak | null>((worst, element) => worse(worst, leakIn(element, summary, sources, depth + 1)), null);
  if (value.kind === 'call') return leakInCall(summary.calls[value.call], summary, sources, depth);
  if (value.kind !== 'ref') return null;
  const { root, path } = value.ref;
  if (root.kind === 'variable') {
    const held = summary.variables[root.id]?.value;
    if (!held || held.kind !== 'ref' || depth > 2) return null;
    return leakIn({ kind: 'ref', ref: { root: held.ref.root, path: [...held.ref.path, ...path] } }, summary, sources, depth + 1);
  }
  const isError = root.kind === 'caught' || (root.kind === 'param' && root.index === 0 && (sources.callbacks.has(root.fn) || sources.middlewareError === root.fn));
  if (!isError) return null;
  if (path.length === 0) return 'object';
  if (path.length === 1 && path[0] === 'stack') return 'stack';
  if (path.length === 1 && path[0] === 'message') return 'message';
  return null;
}

/** `String(err)` and `err.toString()` give the message; `JSON.stringify(err)` the object's fields. */
function leakInCall(site: CallSite | undefined, summary: ProgramSummary, sources: ErrorSources, depth: number): Leak | null {
  const callee = site?.callee;
  if (!callee) return null;
  if (callee.path.length && callee.path.at(-1) === 'toString' && !site.args?.length) {
    const leak = leakIn({ kind: 'ref', ref: { root: callee.root, path: callee.path.slice(0, -1) } }, summary, sources, depth + 1);
    return leak === 'object' ? 'message' : leak;
  }
  // `getErrorMessage(err)` where the helper returns `error.message`: what it returns of its parameter leaves.
  const returned = sources.callee(site)?.returns;
  if (returned?.kind === 'ref' && returned.ref.root.kind === 'param') {
    const arg = site.args?.[returned.ref.root.index];
    if (arg?.kind === 'ref') return leakIn({ kind: 'ref', ref: { root: arg.ref.root, path: [...arg.ref.path, ...returned.ref.path] } }, summary, sources, depth + 1);
  }
  const global = callee.root.kind === 'global' ? [callee.root.name, ...callee.path].join('.') : null;
  const first = site.args?.[0];
  if (!first || (global !== 'String' && global !== 'JSON.stringify')) return null;
  const leak = leakIn(first, summary, sources, depth + 1);
  return global === 'String' && leak === 'object' ? 'message' : leak;
}

const RANK: Record<Leak, number> = { message: 1, object: 2, stack: 3 };
function worse(a: Leak | null, b: Leak | null): Leak | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** The leak a response write makes, after the rule's precision decisions. */
function judge(write: ResponseWrite, leak: Leak | null, inMiddleware: boolean): Leak | null {
  if (!leak) return null;
  // Fastify hands an Error given to `reply.send` to the error handler, as if it were thrown: that is delegation, not a leak.
  if (leak === 'object' && write.framework === 'fastify') return null;
  if (leak !== 'message') return leak;
  // The central error handler deciding what a message says is its job; only stacks and raw objects are reported there.
  if (inMiddleware) return null;
  // A 4xx the code chose says the failure is the client's: the message is meant for it (a validation or a domain error).
  if (write.status !== null && write.status >= 400 && write.status < 500) return null;
  // A computed status (`err.status || 500`) maps errors the code knows: it cannot be decided, so it is not reported.
  if (write.statusSet && write.status === null) return null;
  return 'message';
}

export const rawErrorResponse: Rule = {
  meta: {
    id: 'raw-error-response',
    category: 'validation-errors',
    severity: 'error',
    title: 'No raw error objects, stacks or internal messages in responses',
    why: 'A stack trace, a driver error object or an unexpected exception message tells an attacker which libraries, files, queries and table names the service has, and tells a client nothing it can act on. Enumerable fields of ORM errors carry SQL text and parameter values.',
    fix: 'Log the error with its stack on the server and send a stable, documented body instead (an error code and a generic message, with a request id to correlate), ideally from one error handler that maps known error types to statuses.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    const routesByHandler = new Map<string, Route>();
    for (const route of models.routes) {
      // The handler, and the function a wrapper around it was given (`asyncHandler(makeHandler())`).
      for (const fn of [route.handler, handlerBody(route, models.linker)]) if (fn && !routesByHandler.has(keyOf(fn))) routesByHandler.set(keyOf(fn), route);
    }
    for (const file of models.programFiles) {
      const summary = models.linker.summary(file);
      if (!summary) continue;
      const callbacks = catchCallbacks(summary);
      const calleeOf = (site: CallSite): FunctionInfo | undefined => {
        const resolved = models.linker.resolveCallee(file, site);
        return resolved?.entity.kind === 'function' && !resolved.rest.length ? models.calls.info({ file: resolved.entity.file, fn: resolved.entity.fn }) : undefined;
      };
      for (const site of summary.calls) {
        const write = responseWrite(file, site, summary, models.linker);
        if (!write) continue;
        const owner = summary.functions[write.receiver.fn];
        const inMiddleware = owner !== undefined && write.receiver.index === 2 && isExpressErrorMiddleware(owner);
        const sources: ErrorSources = { callbacks, middlewareError: inMiddleware ? write.receiver.fn : null, callee: calleeOf };
        const leak = judge(write, write.args.reduce<Leak | null>((worst, arg) => worse(worst, leakIn(arg, summary, sources)), null), inMiddleware);
        if (!leak) continue;
        const route = routeOf(file, site.fn, summary, routesByHandler);
        const where = route ? ` in ${routeLabel(route)}` : inMiddleware ? ' from the error middleware' : '';
        report({
          ...(leak === 'message' ? { severity: 'warn' as const } : {}),
          file,
          line: site.line,
          column: site.column,
          message: `\`${write.text}\` sends ${LEAK_WORDS[leak]} to the client${where}.`,
          anchor: `${leak}:${write.text}:${summary.functions[site.fn]?.name ?? '<module>'}`,
          ...(route ? { route: routeLabel(route) } : {}),
        });
      }
    }
  },
};

/** The route whose handler is the function or one it is nested in. */
function routeOf(file: string, fn: number, summary: ProgramSummary, routes: ReadonlyMap<string, Route>): Route | undefined {
  for (let current = fn, depth = 0; current >= 0 && depth < 8; current = summary.functions[current]?.parent ?? -1, depth++) {
    const route = routes.get(keyOf({ file, fn: current }));
    if (route) return route;
  }
  return undefined;
}
