import type { TraceStep } from '../types.js';
import { keyOf, type CallGraph, type FunctionRef, type PathStep, type ResolvedCall } from './call-graph.js';
import { handlerBody } from './http/handler.js';
import { routeLabel, type Route } from './http/route.js';

/** A call made somewhere a route's handler reaches, with the route and the path that gets there. */
export interface CallInRequest {
  route: Route;
  call: ResolvedCall;
  /** The function the call is made in. */
  fn: FunctionRef;
  /** How many other routes reach the same call. */
  otherRoutes: number;
  trace: TraceStep[];
  /** The calls from the handler to `fn`, each with the function it lands in (the trace, unprinted). */
  path: readonly PathStep[];
}

/**
 * Every call site reachable from a route handler that `matches`, each once: with the first route (in
 * route order) that reaches it, the number of others that do, and the trace from handler to call.
 * What every "in a request path" rule asks, answered the same way for all of them.
 */
export function callsInRequests(routes: readonly Route[], calls: CallGraph, matches: (call: ResolvedCall) => boolean): CallInRequest[] {
  const found = new Map<string, CallInRequest>();
  for (const route of routes) {
    // The handler, and the function a wrapper around it was given (`catchAsync(create)`): the wrapper's
    // closure calls its parameter, which the call graph cannot follow.
    const starts: FunctionRef[] = [];
    for (const start of [route.handler, handlerBody(route, calls.linker)]) if (start && !starts.some((known) => keyOf(known) === keyOf(start))) starts.push(start);
    for (const { ref, path } of starts.flatMap((start) => [...calls.reachableFrom(start).values()])) {
      for (const call of calls.callsIn(ref)) {
        if (!matches(call)) continue;
        const site = `${call.file}#${call.index}`;
        const known = found.get(site);
        if (known) {
          if (known.route !== route) known.otherRoutes++;
          continue;
        }
        found.set(site, { route, call, fn: ref, otherRoutes: 0, trace: traceOf(route, path, call, calls), path });
      }
    }
  }
  return [...found.values()];
}

/** Handler → each call on the way → the call itself, as the steps a reporter prints. */
export function traceOf(route: Route, path: readonly PathStep[], call: ResolvedCall, calls: CallGraph): TraceStep[] {
  const handler = route.handler ? calls.info(route.handler) : undefined;
  const steps: TraceStep[] = [{ file: route.file, line: route.line, column: route.column, message: `${routeLabel(route)} is handled by ${handler?.name ?? route.handlerName}` }];
  for (const step of path) steps.push({ file: step.call.file, line: step.call.site.line, column: step.call.site.column, message: `calls ${calls.info(step.into)?.name ?? step.call.site.text}` });
  steps.push({ file: call.file, line: call.site.line, column: call.site.column, message: `calls ${call.site.text}` });
  return steps;
}

export function routeSuffix(entry: Pick<CallInRequest, 'route' | 'otherRoutes'>): string {
  return entry.otherRoutes ? `${routeLabel(entry.route)} (and ${entry.otherRoutes} other route${entry.otherRoutes === 1 ? '' : 's'})` : routeLabel(entry.route);
}

/**
 * `callsInRequests` for the calls `classify` says something about, each with what it said: the shape
 * of every "this kind of call while serving a request" rule.
 */
export function classifiedCallsInRequests<T>(routes: readonly Route[], calls: CallGraph, classify: (call: ResolvedCall) => T | null): (CallInRequest & { match: T })[] {
  const matches = new Map<ResolvedCall, T>();
  const found = callsInRequests(routes, calls, (call) => {
    const match = classify(call);
    if (match !== null) matches.set(call, match);
    return match !== null;
  });
  return found.map((entry) => ({ ...entry, match: matches.get(entry.call)! }));
}
