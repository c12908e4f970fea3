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

/** A call site reachable from the routes' handlers: where it is first met and how often other routes meet it. */
interface ReachedSite {
  route: Route;
  call: ResolvedCall;
  fn: FunctionRef;
  path: readonly PathStep[];
  otherRoutes: number;
}

/**
 * Every call site the routes' handlers reach, each once, in the order a walk over the routes meets
 * them. A dozen rules ask which of those calls are theirs; the walk (routes × reachable functions ×
 * their calls, tens of thousands of steps on a large service) is done once per route list and call
 * graph, and each rule only filters the sites.
 */
const reachedSites = new WeakMap<CallGraph, WeakMap<readonly Route[], readonly ReachedSite[]>>();

function sitesReached(routes: readonly Route[], calls: CallGraph): readonly ReachedSite[] {
  let byRoutes = reachedSites.get(calls);
  if (!byRoutes) reachedSites.set(calls, (byRoutes = new WeakMap()));
  const known = byRoutes.get(routes);
  if (known) return known;
  // A call site belongs to one function, and every visit to a function meets all of its calls: the walk
  // counts visits per function (by its memoised list of calls) and hands the counts to its calls at the end.
  const visits = new Map<readonly ResolvedCall[], { route: Route; fn: FunctionRef; path: readonly PathStep[]; otherRoutes: number }>();
  for (const route of routes) {
    // The handler, and the function a wrapper around it was given (`catchAsync(create)`): the wrapper's
    // closure calls its parameter, which the call graph cannot follow.
    const starts: FunctionRef[] = [];
    for (const start of [route.handler, handlerBody(route, calls.linker)]) if (start && !starts.some((other) => keyOf(other) === keyOf(start))) starts.push(start);
    for (const start of starts) {
      for (const { ref, path } of calls.reachableFrom(start).values()) {
        const callsInRef = calls.callsIn(ref);
        const visit = visits.get(callsInRef);
        if (!visit) visits.set(callsInRef, { route, fn: ref, path, otherRoutes: 0 });
        else if (visit.route !== route) visit.otherRoutes++;
      }
    }
  }
  const sites: ReachedSite[] = [];
  for (const [callsInRef, { route, fn, path, otherRoutes }] of visits) for (const call of callsInRef) sites.push({ route, call, fn, path, otherRoutes });
  byRoutes.set(routes, sites);
  return sites;
}

/**
 * Every call site reachable from a route handler that `matches`, each once: with the first route (in
 * route order) that reaches it, the number of others that do, and the trace from handler to call.
 * What every "in a request path" rule asks, answered the same way for all of them. `matches` reads
 * only the call, so filtering the sites the routes reach gives what filtering each step of the walk would.
 */
export function callsInRequests(routes: readonly Route[], calls: CallGraph, matches: (call: ResolvedCall) => boolean): CallInRequest[] {
  const found: CallInRequest[] = [];
  for (const { route, call, fn, path, otherRoutes } of sitesReached(routes, calls)) {
    if (matches(call)) found.push({ route, call, fn, otherRoutes, trace: traceOf(route, path, call, calls), path });
  }
  return found;
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
