import type { CallGraph, FunctionRef } from '../call-graph.js';
import { keyOf } from '../call-graph.js';
import type { ProgramLinker, Resolved } from '../link.js';
import type { CallSite, Origin, Value } from '../summary.js';
import { nameOf } from './express.js';
import { AUTH_NAME, HTTP_METHODS, joinPaths, VALIDATION_NAME, type Route } from './route.js';

const SCHEMA_PARTS = ['body', 'querystring', 'query', 'params', 'headers'];

/** An instance made by the `fastify` factory, or typed as a Fastify instance. */
function isFastifyInstance(resolved: Resolved | null): boolean {
  const entity = resolved?.entity;
  if (entity?.kind !== 'external' || resolved!.rest.length) return false;
  if (entity.module !== 'fastify') return false;
  const path = entity.path.join('.');
  return path === '()' || path === 'fastify.()' || path === 'default.()' || /^Fastify[A-Za-z]*Instance\.new$/.test(path);
}

interface Plugin {
  fn: FunctionRef;
  prefix: string;
}

/**
 * Fastify: routes on an instance (`app.get`, `app.route({...})`) or on the instance a plugin receives,
 * with `register(plugin, { prefix })` prefixes followed through nested plugins, route schemas as
 * validation and `preHandler`/`onRequest` hooks as middleware.
 */
export function fastifyRoutes(files: readonly string[], linker: ProgramLinker, calls: CallGraph): Route[] {
  // Plugin functions and their prefixes: what `register` is given, resolved to a project function.
  const plugins = new Map<string, Plugin>();
  const registerCalls: { file: string; site: CallSite; receiverFn: number | null }[] = [];
  for (const file of files) {
    const summary = linker.summary(file);
    for (const site of summary?.calls ?? []) {
      if (site.callee?.path.at(-1) === 'register' && site.args?.length) registerCalls.push({ file, site, receiverFn: paramFunction(site.callee.root) });
    }
  }
  const isInstance = (file: string, root: Origin, path: string[]): boolean => {
    if (root.kind === 'param' && root.index === 0 && path.length === 0 && plugins.has(keyOf({ file, fn: root.fn }))) return true;
    return isFastifyInstance(linker.resolveRef(file, { root, path }));
  };
  // Registrations nest: resolve until no new plugin is found.
  for (let round = 0; round < 8; round++) {
    let added = false;
    for (const { file, site, receiverFn } of registerCalls) {
      const callee = site.callee!;
      if (!isInstance(file, callee.root, callee.path.slice(0, -1))) continue;
      const target = linker.resolveValue(file, site.args![0]!);
      if (target?.entity.kind !== 'function' || target.rest.length) continue;
      const ref = { file: target.entity.file, fn: target.entity.fn };
      if (plugins.has(keyOf(ref))) continue;
      const options = site.args![1];
      const prefix = options?.kind === 'object' && options.properties.prefix?.kind === 'string' ? options.properties.prefix.value : '';
      const parent = receiverFn === null ? undefined : plugins.get(keyOf({ file, fn: receiverFn }));
      plugins.set(keyOf(ref), { fn: ref, prefix: joinPaths(parent?.prefix ?? '', prefix) });
      added = true;
    }
    if (!added) break;
  }
  const routes: Route[] = [];
  for (const file of files) {
    const summary = linker.summary(file);
    for (const site of summary?.calls ?? []) {
      const callee = site.callee;
      const method = callee?.path.at(-1);
      if (!callee || !method || (!HTTP_METHODS.has(method) && method !== 'route')) continue;
      if (!isInstance(file, callee.root, callee.path.slice(0, -1))) continue;
      const pluginFn = paramFunction(callee.root);
      const prefix = pluginFn === null ? '' : (plugins.get(keyOf({ file, fn: pluginFn }))?.prefix ?? '');
      const route = method === 'route' ? fromRouteOptions(file, site, prefix, linker, calls) : fromShorthand(file, site, method, prefix, linker, calls);
      if (route) routes.push(route);
    }
  }
  return routes;
}

function paramFunction(root: Origin): number | null {
  return root.kind === 'param' ? root.fn : null;
}

function fromShorthand(file: string, site: CallSite, method: string, prefix: string, linker: ProgramLinker, calls: CallGraph): Route | null {
  const args = site.args ?? [];
  const path = args[0]?.kind === 'string' ? args[0].value : null;
  if (path === null || args.length < 2) return null;
  const options = args.length > 2 && args[1]?.kind === 'object' ? args[1] : null;
  return build(file, site, method, joinPaths(prefix, path), options, args.at(-1)!, linker, calls);
}

function fromRouteOptions(file: string, site: CallSite, prefix: string, linker: ProgramLinker, calls: CallGraph): Route | null {
  const options = site.args?.[0];
  if (options?.kind !== 'object') return null;
  const { method, url, path, handler } = options.properties;
  const where = url ?? path;
  if (where?.kind !== 'string' || !handler) return null;
  const methods = method?.kind === 'string' ? method.value : method?.kind === 'array' ? method.elements.map((element) => (element.kind === 'string' ? element.value : '?')).join(',') : 'GET';
  return build(file, site, methods, joinPaths(prefix, where.value), options, handler, linker, calls);
}

function build(file: string, site: CallSite, method: string, path: string, options: Extract<Value, { kind: 'object' }> | null, handlerValue: Value, linker: ProgramLinker, calls: CallGraph): Route {
  const resolved = linker.resolveValue(file, handlerValue);
  const handler: FunctionRef | null = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
  const hooks = ['onRequest', 'preValidation', 'preHandler'].flatMap((hook) => {
    const value = options?.properties[hook];
    return value ? [nameOf(file, value, linker)] : [];
  });
  const schema = options?.properties.schema;
  const validated = schema?.kind === 'object' ? SCHEMA_PARTS.some((part) => part in schema.properties) || schema.spread : schema !== undefined && schema.kind !== 'other';
  const info = handler ? calls.info(handler) : undefined;
  return {
    framework: 'fastify',
    method: method.toUpperCase(),
    path,
    handler,
    handlerName: info?.name && info.name !== '<anonymous>' ? info.name : nameOf(file, handlerValue, linker),
    file,
    line: site.line,
    column: site.column,
    middleware: hooks,
    validation: validated ? 'fastify schema' : (hooks.find((name) => VALIDATION_NAME.test(name)) ?? null),
    auth: hooks.find((name) => AUTH_NAME.test(name)) ?? null,
  };
}
