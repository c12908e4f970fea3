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

/** A listener whose event the program cannot read (a variable, a computed name): it may be any event. */
export const UNKNOWN_EVENT = '?';

/**
 * The events a listener call subscribes to: a literal or constant, or each string of the array a
 * `for (const signal of ['SIGTERM', 'SIGINT'])` around it walks; `?` when the program cannot say.
 */
function eventsOf(models: ProgramModels, call: ResolvedCall): string[] {
  const eventArg = call.site.args?.[0];
  const event = models.linker.stringOf(call.file, eventArg);
  if (event) return [event];
  const over = call.site.loopOver;
  if (eventArg?.kind === 'ref' && over?.kind === 'array' && over.elements.length && over.elements.every((element) => element.kind === 'string')) {
    return over.elements.map((element) => (element.kind === 'string' ? element.value : UNKNOWN_EVENT));
  }
  return [UNKNOWN_EVENT];
}

/** Every listener the program registers on process events, one per event it subscribes to. */
export function processListeners(models: ProgramModels): ProcessListener[] {
  const listeners: ProcessListener[] = [];
  for (const call of models.everyCall) {
    const method = processMethod(call);
    if (!method || !SUBSCRIBE.has(method)) continue;
    const listenerArg = call.site.args?.[1];
    const resolved = listenerArg ? models.linker.resolveValue(call.file, listenerArg) : null;
    const handler = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
    for (const event of eventsOf(models, call)) listeners.push({ event, file: call.file, line: call.site.line, column: call.site.column, handler, call });
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

/** Globals whose calls the program knows (what a handler logs, schedules or writes with). */
const KNOWN_GLOBALS = new Set(['process', 'console', 'setTimeout', 'setImmediate', 'setInterval', 'clearTimeout', 'clearInterval', 'Promise', 'JSON', 'Math', 'Date', 'Object', 'Array', 'String', 'Number', 'Error', 'Boolean', 'Symbol', 'Reflect', 'queueMicrotask', 'globalThis']);

/**
 * Whether what the call does is unknown: a callee the program cannot name, a function passed in as
 * a parameter (a hook), a name declared nowhere that is no JavaScript or Node global, or an object
 * of the project the call graph could not follow.
 */
export function unknownCall(call: ResolvedCall): boolean {
  if (!call.callee || call.site.callee?.root.kind === 'param') return true;
  const entity = call.callee.entity;
  if (entity.kind === 'external') return entity.module === '<global>' && !KNOWN_GLOBALS.has(entity.path[0] ?? '');
  return !CallGraph.target(call);
}
