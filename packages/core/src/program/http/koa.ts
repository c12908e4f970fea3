import type { CallGraph, FunctionRef } from '../call-graph.js';
import type { ProgramLinker, Resolved } from '../link.js';
import type { Value } from '../summary.js';
import { nameOf } from './express.js';
import { isAuthName, HTTP_METHODS, joinPaths, VALIDATION_NAME, type Route } from './route.js';

const ROUTER_MODULES = new Set(['@koa/router', 'koa-router']);

/** A router made by `new Router({ prefix })` of `@koa/router` or `koa-router`. */
function isKoaRouter(resolved: Resolved | null): boolean {
  const entity = resolved?.entity;
  if (entity?.kind !== 'external' || resolved!.rest.length || !ROUTER_MODULES.has(entity.module)) return false;
  const path = entity.path.join('.');
  return path === 'new' || path === 'default.new' || path === 'Router.new';
}

/**
 * Koa with `@koa/router`: `router.get(path, …middleware, handler)` on routers made with an optional
 * `prefix`, and `parent.use(path, child.routes())` nesting. Handlers take `ctx`; the model reads the
 * routes and their middleware the same way as for Express.
 */
export function koaRoutes(files: readonly string[], linker: ProgramLinker, calls: CallGraph): Route[] {
  const ownPrefix = new Map<string, string>();
  const nested = new Map<string, { parent: string; prefix: string }>();
  const registrations: { file: string; holder: string; method: string; path: string; line: number; column: number; args: Value[] }[] = [];
  for (const file of files) {
    const summary = linker.summary(file);
    summary?.variables.forEach((variable, id) => {
      if (variable.value?.kind !== 'new') return;
      const made = linker.resolveValue(file, variable.value);
      if (!isKoaRouter(made)) return;
      const options = summary.calls[variable.value.call]?.args?.[0];
      ownPrefix.set(`${file}:v${id}`, options?.kind === 'object' ? (linker.stringOf(file, options.properties.prefix) ?? '') : '');
    });
    for (const site of summary?.calls ?? []) {
      const callee = site.callee;
      const method = callee?.path.at(-1);
      if (!callee || !method || (!HTTP_METHODS.has(method) && method !== 'use')) continue;
      const receiver = linker.resolveRef(file, { root: callee.root, path: callee.path.slice(0, -1) });
      if (!isKoaRouter(receiver) || !receiver?.holder) continue;
      const args = site.args ?? [];
      const path = linker.stringOf(file, args[0]);
      if (method === 'use') {
        // parent.use('/sub', child.routes()): the child router's routes live under the parent's path.
        const child = args.at(-1);
        const childCall = child?.kind === 'call' ? summary!.calls[child.call] : undefined;
        if (childCall?.callee?.path.at(-1) !== 'routes') continue;
        const childRouter = linker.resolveRef(file, { root: childCall.callee.root, path: childCall.callee.path.slice(0, -1) });
        if (childRouter?.holder) nested.set(childRouter.holder, { parent: receiver.holder, prefix: path ?? '' });
        continue;
      }
      if (path === null || args.length < 2) continue;
      registrations.push({ file, holder: receiver.holder, method, path, line: site.line, column: site.column, args: args.slice(1) });
    }
  }
  const fullPrefix = (holder: string, depth = 0): string => {
    const parent = nested.get(holder);
    const own = ownPrefix.get(holder) ?? '';
    return parent && depth < 16 ? joinPaths(fullPrefix(parent.parent, depth + 1), parent.prefix, own) : own;
  };
  return registrations.map((registration) => {
    const names = registration.args.map((arg) => nameOf(registration.file, arg, linker));
    const resolved = linker.resolveValue(registration.file, registration.args.at(-1)!);
    const handler: FunctionRef | null = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
    const middleware = names.slice(0, -1);
    const info = handler ? calls.info(handler) : undefined;
    return {
      framework: 'koa' as const,
      method: registration.method.toUpperCase(),
      path: joinPaths(fullPrefix(registration.holder), registration.path),
      handler,
      handlerName: info?.name && info.name !== '<anonymous>' ? info.name : (names.at(-1) ?? '<anonymous>'),
      file: registration.file,
      line: registration.line,
      column: registration.column,
      middleware,
      validation: middleware.find((name) => VALIDATION_NAME.test(name)) ?? null,
      auth: middleware.find(isAuthName) ?? null,
    };
  });
}
