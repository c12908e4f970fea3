import { CallGraph, type FunctionRef, type ResolvedCall } from '../call-graph.js';
import type { ProgramModels } from '../models.js';

/** A listener on the process: `process.on('SIGTERM', handler)`. */
export interface ProcessListener {
  event: string;
  file: string;
  line: number;
  column: number;
  /** The listener when it is a function of the project (an inline arrow, a named function). */
  handler: FunctionRef | null;
  call: ResolvedCall;
}

const SUBSCRIBE = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Whether a call's callee is a method of Node's `process` (the global, `node:process`, `globalThis.process`). */
export function processMethod(call: ResolvedCall): string | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external') return null;
  const path = [...entity.path, ...call.callee!.rest];
  if (entity.module === '<global>') {
    const start = path[0] === 'globalThis' || path[0] === 'global' ? 1 : 0;
    return path[start] === 'process' && path.length === start + 2 ? path[start + 1]! : null;
  }
  return entity.module === 'process' && path.length === 1 ? path[0]! : entity.module === 'process' && path[0] === 'default' && path.length === 2 ? path[1]! : null;
}

/** Every listener the program registers on process events, with the event named by a literal or a constant. */
export function processListeners(models: ProgramModels): ProcessListener[] {
  const listeners: ProcessListener[] = [];
  for (const call of models.everyCall) {
    const method = processMethod(call);
    if (!method || !SUBSCRIBE.has(method)) continue;
    const [eventArg, listenerArg] = call.site.args ?? [];
    const event = models.linker.stringOf(call.file, eventArg);
    if (!event) continue;
    const resolved = listenerArg ? models.linker.resolveValue(call.file, listenerArg) : null;
    const handler = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
    listeners.push({ event, file: call.file, line: call.site.line, column: call.site.column, handler, call });
  }
  return listeners;
}

/** The calls a function makes, itself and through the project functions and callbacks it reaches, a few calls deep. */
export function callsReachedFrom(models: ProgramModels, start: FunctionRef, depth = 4): ResolvedCall[] {
  const calls: ResolvedCall[] = [];
  for (const { ref } of models.calls.reachableFrom(start, depth).values()) calls.push(...models.calls.callsIn(ref));
  return calls;
}

/** Whether the call ends the process (`process.exit(…)`, `process.kill(process.pid, …)`). */
export function exitsProcess(call: ResolvedCall): boolean {
  const method = processMethod(call);
  return method === 'exit' || method === 'kill' || method === 'abort';
}

/** Whether the call is made on a project function the call graph could not follow, nor a package: what it does is unknown. */
export function unknownCall(call: ResolvedCall): boolean {
  return !call.callee || (!CallGraph.target(call) && call.callee.entity.kind !== 'external');
}
