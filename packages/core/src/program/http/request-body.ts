import type { FunctionRef } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { CallSite, Ref } from '../summary.js';
import type { Route } from './route.js';

/**
 * The request's body read by hand from its stream, where no framework limit applies: express.json(),
 * express.text() and express.raw(), Fastify's content-type parsers and NestJS's body parser all stop at
 * their body limit (100 KB and 1 MB by default) and hand the handler a parsed or bounded body; the
 * stream under them has no limit at all.
 */

/** `req` (Express, Nest `@Req()` on Express), `request.raw` (Fastify, Nest on Fastify), `ctx.req` (Koa). */
function isRequestStream(route: Route, handler: FunctionRef, ref: Ref, linker: ProgramLinker): boolean {
  if (ref.root.kind !== 'param' || ref.root.fn !== handler.fn) return false;
  const { index } = ref.root;
  const path = ref.path.join('.');
  switch (route.framework) {
    case 'express':
      return index === 0 && path === '';
    case 'fastify':
      return index === 0 && path === 'raw';
    case 'koa':
      return index === 0 && path === 'req';
    case 'nestjs': {
      const param = linker.summary(handler.file)?.functions[handler.fn]?.params[index];
      const injected = param?.decorators.some((decorator) => (decorator.name === 'Req' || decorator.name === 'Request') && decorator.from === '@nestjs/common') ?? false;
      return injected && (path === '' || path === 'raw');
    }
    default:
      return false;
  }
}

/** The functions whose code runs as the route's handler: it and the callbacks declared in it. */
function withinHandler(handler: FunctionRef, fn: number, linker: ProgramLinker): boolean {
  const functions = linker.summary(handler.file)?.functions ?? [];
  for (let current = fn; current >= 0; current = functions[current]?.parent ?? -1) if (current === handler.fn) return true;
  return false;
}

/**
 * Where the handler of `route` (declared in the same file as `variable`) accumulates the raw request
 * stream into `variable` with no bound: `req.on('data', (chunk) => { body += chunk })` whose callback
 * has no branch at all (nothing in it can compare a size and stop), and `variable` takes its values
 * from the chunk. Null when it does not, or when anything in the callback could be a size check.
 */
export function unboundedBodyAccumulation(route: Route, handler: FunctionRef, file: string, variable: number, linker: ProgramLinker): CallSite | null {
  if (handler.file !== file) return null;
  const summary = linker.summary(file);
  const held = summary?.variables[variable];
  if (!summary || !held) return null;
  for (const site of summary.calls) {
    const callee = site.callee;
    const event = site.args?.[0];
    const listener = site.args?.[1];
    if (!callee || !['on', 'once', 'addListener'].includes(callee.path.at(-1) ?? '')) continue;
    if (event?.kind !== 'string' || event.value !== 'data' || listener?.kind !== 'function') continue;
    if (!withinHandler(handler, site.fn, linker)) continue;
    if (!isRequestStream(route, handler, { root: callee.root, path: callee.path.slice(0, -1) }, linker)) continue;
    if ((summary.functions[listener.fn]?.branches ?? 1) > 0) continue;
    const fromChunk = (held.from ?? []).some((ref) => ref.root.kind === 'param' && ref.root.fn === listener.fn && ref.root.index === 0);
    if (fromChunk) return site;
  }
  return null;
}
