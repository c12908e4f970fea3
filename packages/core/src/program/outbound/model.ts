import type { ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { ProgramModels } from '../models.js';
import type { Value } from '../summary.js';
import { outboundCallOf, type OutboundCall } from './clients.js';

/** Whether an outbound request is bounded in time: `unknown` when the options are not visible (a parameter, a spread). */
export type TimeoutState = 'bounded' | 'unbounded' | 'unknown';

export interface OutboundRequest extends OutboundCall {
  call: ResolvedCall;
  timeout: TimeoutState;
}

type Options = { kind: 'object'; keys: Set<string>; open: boolean } | { kind: 'none' } | { kind: 'unknown' };

/** What an argument is once followed: an options object, something that is not options (a URL, a callback), or unknown. */
function optionsIn(file: string, value: Value | undefined, linker: ProgramLinker): Options | 'skip' {
  if (!value) return { kind: 'none' };
  let resolved: Value | null = value;
  if (value.kind === 'ref') {
    const target = linker.resolveValue(file, value);
    if (!target || target.rest.length) return { kind: 'unknown' };
    if (target.entity.kind === 'value') {
      resolved = target.entity.value;
    } else if (target.entity.kind === 'function') return 'skip';
    else return { kind: 'unknown' };
  }
  switch (resolved.kind) {
    case 'object':
      return { kind: 'object', keys: new Set(Object.keys(resolved.properties)), open: resolved.spread };
    case 'string':
    case 'text':
    case 'function':
    case 'new':
      return 'skip';
    default:
      return { kind: 'unknown' };
  }
}

function stateOf(options: Options, keys: readonly string[]): TimeoutState {
  if (options.kind === 'none') return 'unbounded';
  if (options.kind === 'unknown') return 'unknown';
  if (keys.some((key) => options.keys.has(key))) return 'bounded';
  return options.open ? 'unknown' : 'unbounded';
}

/** The options of a call: the first candidate argument that is an options object (or cannot be told apart from one). */
function callOptions(call: ResolvedCall, request: OutboundCall, linker: ProgramLinker): Options {
  for (const index of request.optionArgs) {
    const found = optionsIn(call.file, call.site.args?.[index], linker);
    if (found === 'skip') continue;
    if (found.kind === 'none') continue;
    return found;
  }
  return { kind: 'none' };
}

/** The call that made the instance a call is made on (`const api = axios.create({...})`), found through the variable that holds it. */
function factoryCall(call: ResolvedCall, linker: ProgramLinker): { file: string; args: Value[] } | null {
  const holder = call.callee?.holder;
  const match = holder ? /^(.*):v(\d+)$/.exec(holder) : null;
  if (!match) return null;
  const [, file, id] = match;
  const summary = linker.summary(file!);
  const value = summary?.variables[Number(id)]?.value;
  if (value?.kind !== 'call') return null;
  const site = summary!.calls[value.call];
  return site && !site.chain ? { file: file!, args: site.args ?? [] } : null;
}

/** `axios.defaults.timeout = …` (or on an instance's defaults) anywhere in the project. */
function defaultTimeouts(models: ProgramModels): Set<string> {
  const found = new Set<string>();
  for (const file of models.programFiles) {
    for (const write of models.linker.summary(file)?.memberWrites ?? []) {
      const resolved = models.linker.resolveRef(file, write.target);
      if (resolved?.entity.kind !== 'external' || resolved.rest.length) continue;
      const path = resolved.entity.path.filter((part) => part !== 'default');
      const at = path.indexOf('defaults');
      if (at < 0) continue;
      const key = path[at + 1];
      const owner = path.slice(0, at).join('.') === '' ? 'module' : 'instance';
      if (key === 'timeout' || (key === undefined && write.value.kind === 'object' && 'timeout' in write.value.properties)) found.add(`${resolved.entity.module}:${owner}`);
    }
  }
  return found;
}

/** How Nest's `HttpModule` is configured across the project: a registered timeout, options it cannot see (`registerAsync`, a variable), or none. */
function nestHttpModule(models: ProgramModels): TimeoutState {
  let state: TimeoutState = 'unbounded';
  for (const file of models.programFiles) {
    for (const site of models.linker.summary(file)?.calls ?? []) {
      if (!site.callee || site.callee.path.at(-1)?.startsWith('register') !== true) continue;
      const resolved = models.linker.resolveRef(file, site.callee);
      if (resolved?.entity.kind !== 'external' || resolved.entity.module !== '@nestjs/axios' || resolved.entity.path[0] !== 'HttpModule') continue;
      const options = site.args?.[0];
      if (resolved.entity.path[1] !== 'register' || options?.kind !== 'object' || options.spread) return 'unknown';
      if ('timeout' in options.properties) state = 'bounded';
    }
  }
  return state;
}

function timeoutOf(call: ResolvedCall, request: OutboundCall, linker: ProgramLinker, defaults: Set<string>): TimeoutState {
  if (request.library === 'http' || request.library === 'https') {
    // `req.setTimeout(…)` on the chain bounds it; a request kept in a variable may get one later.
    if (call.site.chain?.some((step) => step.name === 'setTimeout')) return 'bounded';
    if (call.site.use === 'assigned') return 'unknown';
  }
  const own = stateOf(callOptions(call, request, linker), request.timeoutKeys);
  if (own !== 'unbounded') return own;
  if (defaults.has(`${request.library}:module`)) return 'bounded';
  // `HttpModule` without options uses the default axios instance, so `axios.defaults.timeout` bounds it too.
  if (request.library === '@nestjs/axios' && defaults.has('axios:module')) return 'bounded';
  if (request.library === '@nestjs/axios') return defaults.has('@nestjs/axios:bounded') ? 'bounded' : defaults.has('@nestjs/axios:unknown') ? 'unknown' : 'unbounded';
  if (!request.instance) return 'unbounded';
  if (defaults.has(`${request.library}:instance`)) return 'bounded';
  const factory = factoryCall(call, linker);
  if (!factory) return 'unknown';
  const config = optionsIn(factory.file, factory.args[request.instance.at], linker);
  return config === 'skip' ? 'unknown' : stateOf(config, request.timeoutKeys);
}

const memo = new WeakMap<ProgramModels, OutboundRequest[]>();

/** Every outbound HTTP request the application code makes, with whether its time is bounded. */
export function outboundRequests(models: ProgramModels): OutboundRequest[] {
  const known = memo.get(models);
  if (known) return known;
  const defaults = defaultTimeouts(models);
  const nest = nestHttpModule(models);
  if (nest !== 'unbounded') defaults.add(`@nestjs/axios:${nest}`);
  const found: OutboundRequest[] = [];
  for (const call of models.everyCall) {
    const request = outboundCallOf(call);
    if (request) found.push({ ...request, call, timeout: timeoutOf(call, request, models.linker, defaults) });
  }
  memo.set(models, found);
  return found;
}
