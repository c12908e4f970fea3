import { CallGraph, keyOf, type FunctionRef, type ResolvedCall } from '../../program/call-graph.js';
import { promiseOf, type PromiseCall } from '../../program/async/promises.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { ProgramLinker } from '../../program/link.js';
import { cliPackageTest, isTooling } from '../../program/tooling.js';
import type { TraceStep } from '../../types.js';
import type { ProjectFinding, Rule } from '../types.js';

/** The promise a call leaves floating: its value is dropped as a statement, and the callee does not catch its own errors. */
function floating(call: ResolvedCall, calls: CallGraph, linker: ProgramLinker): PromiseCall | null {
  if (call.site.use !== 'statement') return null;
  const promise = promiseOf(call, calls, linker);
  if (!promise) return null;
  // An async function whose whole body is a try/catch settles on its own: a deliberate fire-and-forget.
  const target = CallGraph.target(call);
  if (target && calls.info(target)?.hasTry) return null;
  if (target && cannotRejectLater(target, calls)) return null;
  return promise;
}

/**
 * An async function that neither awaits nor returns a call's promise: its body runs to the end
 * before the caller moves on (`async function registerRoutes(app) { app.register(a); app.register(b); }`),
 * so nothing in it can fail later, detached from the caller.
 */
function cannotRejectLater(target: FunctionRef, calls: CallGraph): boolean {
  const info = calls.info(target);
  if (!info?.async || info.awaits) return false;
  if (info.returns?.kind === 'ref' || info.returns?.kind === 'call') return false;
  return !calls.callsIn(target).some(({ site }) => site.use === 'return' || (site.use === 'handled' && site.chainUse === 'return'));
}

/** `bootstrap()`, `main()`, `startServer()`: the call at module level that starts the process. */
const STARTER = /^(bootstrap|main|start\w*)$/i;

/** The callee as written, or the function's name when the callee is a whole function expression (an async IIFE). */
const calleeText = (call: ResolvedCall, promise: PromiseCall) => (/^[\w$.]+$/.test(call.site.text) ? call.site.text : promise.what);
const describe = (call: ResolvedCall, promise: PromiseCall) => (promise.source === 'project' && !promise.handedOn ? `\`${calleeText(call, promise)}()\` (async)` : `\`${calleeText(call, promise)}()\``);

/** Start-up code: module-level calls, and the functions a module-level call runs (an async `main`), not callbacks declared in them. */
function startupCalls(files: readonly string[], calls: CallGraph, summaryCalls: (file: string) => number): { call: ResolvedCall; trace: TraceStep[] }[] {
  const found: { call: ResolvedCall; trace: TraceStep[] }[] = [];
  const visited = new Set<string>();
  for (const file of files) {
    if (!summaryCalls(file) || isTooling(file)) continue;
    const moduleLevel = calls.callsIn({ file, fn: -1 });
    for (const call of moduleLevel) {
      found.push({ call, trace: [] });
      const start = CallGraph.target(call);
      if (!start) continue;
      for (const { ref, path } of calls.reachableFrom(start).values()) {
        const called = path.length === 0 ? ref.fn === start.fn && ref.file === start.file : keyOf(path.at(-1)!.into) === keyOf(ref);
        if (!called || visited.has(keyOf(ref))) continue;
        visited.add(keyOf(ref));
        const steps: TraceStep[] = [{ file: call.file, line: call.site.line, column: call.site.column, message: `start-up calls ${calls.info(start)?.name ?? call.site.text}` }];
        for (const step of path) steps.push({ file: step.call.file, line: step.call.site.line, column: step.call.site.column, message: `calls ${calls.info(step.into)?.name ?? step.call.site.text}` });
        for (const inner of calls.callsIn(ref)) found.push({ call: inner, trace: [...steps, { file: inner.file, line: inner.site.line, column: inner.site.column, message: `calls ${inner.site.text}` }] });
      }
    }
  }
  return found;
}

export const floatingPromise: Rule = {
  meta: {
    id: 'floating-promise',
    category: 'performance',
    severity: 'warn',
    title: 'Every promise made while serving a request or starting up is awaited, returned or handled',
    why: 'A promise nobody awaits runs detached from the request: its failure becomes an unhandled rejection that crashes the process or vanishes, the response goes out before the work is done, and errors never reach the error handler or the client.',
    fix: 'Await the call (or return it), handle it with `.catch(...)`, or, when running it detached is the intent, write `void call()` with the error handled inside the callee so the decision is explicit.',
    models: ['program', 'http', 'data'],
  },
  check({ models, report, project }) {
    const cli = cliPackageTest(project.manifests);
    const promises = new Map<ResolvedCall, PromiseCall>();
    const matches = (call: ResolvedCall) => {
      const promise = floating(call, models.calls, models.linker);
      if (promise) promises.set(call, promise);
      return promise !== null;
    };
    const reported = new Set<string>();
    const emit = (finding: ProjectFinding, call: ResolvedCall) => {
      const key = `${call.file}#${call.index}`;
      if (reported.has(key)) return;
      reported.add(key);
      report(finding);
    };
    for (const entry of callsInRequests(models.routes, models.calls, matches)) {
      const { call } = entry;
      if (cli(call.file)) continue;
      emit(
        {
          file: call.file,
          line: call.site.line,
          column: call.site.column,
          message: `${describe(call, promises.get(call)!)} returns a promise that is neither awaited, returned nor handled while serving ${routeSuffix(entry)}.`,
          anchor: `request:${call.site.text}`,
          route: routeLabel(entry.route),
          trace: entry.trace,
        },
        call,
      );
    }
    const hasCalls = (file: string) => models.linker.summary(file)?.calls.length ?? 0;
    for (const { call, trace } of startupCalls(models.programFiles, models.calls, hasCalls)) {
      // A command-line package is run from a terminal: its start-up is not a service's.
      if (cli(call.file) || !matches(call)) continue;
      const target = CallGraph.target(call);
      const name = target ? (models.calls.info(target)?.name.split('.').at(-1) ?? '') : '';
      if (call.site.fn === -1 && !trace.length && STARTER.test(name)) {
        emit(
          {
            file: call.file,
            line: call.site.line,
            column: call.site.column,
            message: `${describe(call, promises.get(call)!)} starts the process without \`.catch\`: Node 15 and later exit on the unhandled rejection and print the error, so a failed start is not silent, but the exit code and the log line are Node's, not yours. Add \`.catch((error) => { log it; process.exit(1); })\`.`,
            anchor: `startup:${call.site.text}`,
            severity: 'info',
          },
          call,
        );
        continue;
      }
      emit(
        {
          file: call.file,
          line: call.site.line,
          column: call.site.column,
          message: `${describe(call, promises.get(call)!)} returns a promise that is neither awaited, returned nor handled at start-up: a failure there is an unhandled rejection.`,
          anchor: `startup:${call.site.text}`,
          ...(trace.length ? { trace } : {}),
        },
        call,
      );
    }
  },
};
