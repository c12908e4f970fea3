import type { FunctionRef, ResolvedCall } from '../call-graph.js';
import { CallGraph } from '../call-graph.js';
import { DataAccessModel } from '../data/model.js';
import type { ProgramLinker } from '../link.js';
import { outboundCallOf } from '../outbound/clients.js';

/**
 * Which calls give a promise: a project function declared `async`, or a package or built-in API known
 * to return one. Rules ask `promiseOf`; library knowledge stays in these tables and in the data and
 * outbound adapters.
 */

/** Built-in modules every function of which returns a promise. */
const PROMISE_MODULES = new Set(['fs/promises', 'dns/promises', 'timers/promises', 'stream/promises', 'readline/promises']);

export interface PromiseCall {
  /** What returns the promise, as a finding names it: `sendWelcome`, `fs/promises.writeFile`, `prisma user.update`. */
  what: string;
  /** `project` when the callee is an async function of the project. */
  source: 'project' | 'library';
  /** A project function that is not `async` but returns another call's promise. */
  handedOn?: true;
}

/** Query-builder steps: they configure a query and give a builder, not a promise. */
const BUILDER_STEPS = new Set(['where', 'select']);

/**
 * The callee is a method on a variable that holds the end of a chain (`const qb = repo.createQueryBuilder().leftJoin()`):
 * the linker sees the chain's first call only, so what the variable holds is not known.
 */
function onChainedValue(call: ResolvedCall, linker: ProgramLinker): boolean {
  const root = call.site.callee?.root;
  if (root?.kind !== 'variable') return false;
  const summary = linker.summary(call.file);
  const value = summary?.variables[root.id]?.value;
  return (value?.kind === 'call' || value?.kind === 'new') && Boolean(summary?.calls[value.call]?.chain?.length);
}

/** Nesting bound for functions that hand back another call's promise (`save() { return repo.save(x); }`). */
const MAX_RETURN_DEPTH = 3;

/** What a non-async project function returns, when that is a promise: the first call it returns gives one, or it returns `new Promise(...)`. */
function returnsPromise(target: FunctionRef, calls: CallGraph, linker: ProgramLinker, depth: number): boolean {
  const returned = calls.info(target)?.returns;
  if (depth >= MAX_RETURN_DEPTH || (returned?.kind !== 'call' && returned?.kind !== 'new')) return false;
  const site = linker.summary(target.file)?.calls[returned.call];
  if (!site?.callee) return false;
  const callee = linker.resolveRef(target.file, site.callee);
  if (returned.kind === 'new') return callee?.entity.kind === 'external' && callee.entity.module === '<global>' && callee.entity.path.join('.') === 'Promise' && !callee.rest.length;
  // A chain (`query().then(map)`, `.catch(log)`) still gives a promise; one ending elsewhere (`.toString()`) may not.
  if (site.chain?.some((step) => !PROMISE_CHAIN.has(step.name))) return false;
  return promiseOf({ site, index: returned.call, file: target.file, callee }, calls, linker, depth + 1) !== null;
}

const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);

export function promiseOf(call: ResolvedCall, calls: CallGraph, linker: ProgramLinker, depth = 0): PromiseCall | null {
  if (call.site.construct) return null;
  const target = CallGraph.target(call);
  if (target) {
    const info = calls.info(target);
    if (!info) return null;
    if (info.async) return { what: info.name, source: 'project' };
    return returnsPromise(target, calls, linker, depth) ? { what: info.name, source: 'project', handedOn: true } : null;
  }
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || call.callee!.rest.length) return null;
  if (PROMISE_MODULES.has(entity.module) && entity.path.length === 1) return { what: `${entity.module}.${entity.path[0]}`, source: 'library' };
  if (entity.module === 'fs' && entity.path.length === 2 && entity.path[0] === 'promises') return { what: `fs.promises.${entity.path[1]}`, source: 'library' };
  // A Fastify instance's `listen`/`close`/`ready` give a promise when no callback is passed (Fastify 4+).
  if (entity.module === 'fastify' && /^(default\.|fastify\.)?\(\)\.(listen|close|ready)$/.test(entity.path.join('.')) && !call.site.args?.some((arg) => arg.kind === 'function')) {
    return { what: `fastify ${entity.path.at(-1)}`, source: 'library' };
  }
  if (onChainedValue(call, linker)) return null;
  const query = DataAccessModel.queryOf(call);
  if (query && !BUILDER_STEPS.has(query.operation)) return { what: `${query.library} ${query.operation}`, source: 'library' };
  const outbound = outboundCallOf(call);
  // `http.request` takes a callback and returns the request, not a promise.
  if (outbound && outbound.library !== 'http' && outbound.library !== 'https') return { what: outbound.what, source: 'library' };
  return null;
}

/** Packages that bound how many promises run at once: `pLimit(5)`, `new PQueue({ concurrency })`, Bottleneck. */
const LIMITERS = new Set(['p-limit', 'p-queue', 'p-throttle', 'bottleneck', 'async-sema', '@supercharge/promise-pool', 'promise-pool']);

/** The call goes through a concurrency limiter (`limit(() => …)` with `limit = pLimit(5)`, `queue.add(…)`). */
export function isLimited(call: ResolvedCall): boolean {
  const entity = call.callee?.entity;
  return entity?.kind === 'external' && LIMITERS.has(entity.module) && entity.path.length > 0;
}

/** `Promise.all` / `Promise.allSettled` on the global `Promise`: what runs every promise it is given at once. */
export function promiseCombinator(call: ResolvedCall): string | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || entity.module !== '<global>' || call.callee!.rest.length) return null;
  const [owner, method] = entity.path;
  return entity.path.length === 2 && owner === 'Promise' && (method === 'all' || method === 'allSettled') ? `Promise.${method}` : null;
}

/**
 * A call whose promise its caller does not wait on: `void x()`, `x().catch(log);` as a statement
 * (fire-and-forget), or a bare `x();` of an async project function. Whatever it leads to runs
 * after the caller has moved on: a response does not wait for it.
 */
export function detached(call: ResolvedCall, calls: CallGraph): boolean {
  const { use, chainUse } = call.site;
  if (use === 'void') return true;
  if (use === 'handled') return chainUse === 'statement' || chainUse === 'void';
  if (use !== 'statement') return false;
  const target = CallGraph.target(call);
  return target !== null && calls.info(target)?.async === true;
}
