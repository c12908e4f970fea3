import type { CallGraph, FunctionRef } from '../call-graph.js';
import { keyOf } from '../call-graph.js';
import type { ProgramLinker, Resolved } from '../link.js';
import type { CallSite, Origin, Value } from '../summary.js';
import { nameOf } from './express.js';
import { isAuthName, HTTP_METHODS, joinPaths, VALIDATION_NAME, type Route } from './route.js';

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
  // Autoload knows the prefix (the folder); a plugin type only says the function is a plugin.
  for (const plugin of autoloadedPlugins(files, linker)) plugins.set(keyOf(plugin.fn), plugin);
  for (const plugin of typedPlugins(files, linker)) if (!plugins.has(keyOf(plugin.fn))) plugins.set(keyOf(plugin.fn), plugin);
  for (const plugin of conventionalPlugins(files, linker)) if (!plugins.has(keyOf(plugin.fn))) plugins.set(keyOf(plugin.fn), plugin);
  // Registrations nest: an edge per `register(plugin, { prefix })`, from the registering plugin (or the
  // root instance) to the plugin; prefixes are then propagated from the roots until nothing changes.
  interface Edge {
    parent: string | null;
    child: FunctionRef;
    prefix: string;
  }
  const edges: Edge[] = [];
  for (let round = 0; round < 8; round++) {
    let added = false;
    for (const { file, site, receiverFn } of registerCalls) {
      const callee = site.callee!;
      if (!isInstance(file, callee.root, callee.path.slice(0, -1))) continue;
      const target = linker.resolveValue(file, site.args![0]!);
      if (target?.entity.kind !== 'function' || target.rest.length) continue;
      const child = { file: target.entity.file, fn: target.entity.fn };
      const parent = receiverFn !== null && plugins.has(keyOf({ file, fn: receiverFn })) ? keyOf({ file, fn: receiverFn }) : null;
      if (edges.some((edge) => keyOf(edge.child) === keyOf(child) && edge.parent === parent)) continue;
      const options = site.args![1];
      const prefix = options?.kind === 'object' ? (linker.stringOf(file, options.properties.prefix) ?? '') : '';
      edges.push({ parent, child, prefix });
      if (!plugins.has(keyOf(child))) plugins.set(keyOf(child), { fn: child, prefix: '' });
      added = true;
    }
    if (!added) break;
  }
  for (let round = 0; round < 16; round++) {
    let changed = false;
    for (const edge of edges) {
      const parentPrefix = edge.parent === null ? '' : (plugins.get(edge.parent)?.prefix ?? '');
      const prefix = joinPaths(parentPrefix, edge.prefix);
      const plugin = plugins.get(keyOf(edge.child))!;
      if (plugin.prefix !== prefix) {
        plugin.prefix = prefix;
        changed = true;
      }
    }
    if (!changed) break;
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
      // `fastify.post('/a', …).get('/b', …)`: a shorthand returns the instance, so chained verbs are routes too.
      if (method === 'route') continue;
      for (const link of site.chain ?? []) {
        if (!HTTP_METHODS.has(link.name)) break;
        const chained = fromShorthand(file, { ...site, args: link.args }, link.name, prefix, linker, calls);
        if (chained) routes.push(chained);
      }
    }
  }
  return routes;
}

/** Fastify's own packages and its type providers, which export the plugin types. */
const FASTIFY_TYPE_MODULE = /^(fastify|fastify-plugin|@fastify\/type-provider-[a-z-]+)$/;

/** `const plugin: FastifyPluginAsync = async (fastify) => …`: a function typed as a plugin. */
function typedPlugins(files: readonly string[], linker: ProgramLinker): Plugin[] {
  const found: Plugin[] = [];
  for (const file of files) {
    for (const variable of linker.summary(file)?.variables ?? []) {
      if (!variable.type || variable.value?.kind !== 'function') continue;
      const type = linker.resolveRef(file, variable.type);
      if (type?.entity.kind === 'external' && FASTIFY_TYPE_MODULE.test(type.entity.module) && /^FastifyPlugin/.test(type.entity.path[0] ?? '')) {
        found.push({ fn: { file, fn: variable.value.fn }, prefix: '' });
      }
    }
  }
  return found;
}

/**
 * `@fastify/autoload` registered with `dir: path.join(__dirname, 'routes')`: every file below that folder
 * is a plugin whose prefix is its folder path (`routes/api/tasks/index.ts` serves `/api/tasks`).
 */
function autoloadedPlugins(files: readonly string[], linker: ProgramLinker): Plugin[] {
  const folders = autoloadFolders(files, linker);
  const found: Plugin[] = [];
  for (const folder of folders) {
    for (const file of files) {
      if (!file.startsWith(`${folder}/`)) continue;
      const exported = linker.resolveExport(file, 'default');
      if (exported?.entity.kind !== 'function' || exported.rest.length) continue;
      const inner = file.slice(folder.length + 1);
      const prefix = inner.includes('/') ? inner.slice(0, inner.lastIndexOf('/')) : '';
      found.push({ fn: { file: exported.entity.file, fn: exported.entity.fn }, prefix: joinPaths(prefix) });
    }
  }
  return found;
}

/** The folders `@fastify/autoload` loads (`dir: path.join(__dirname, 'plugins')`), relative to the root. */
export function autoloadFolders(files: readonly string[], linker: ProgramLinker): string[] {
  const folders: string[] = [];
  for (const file of files) {
    for (const site of linker.summary(file)?.calls ?? []) {
      if (site.callee?.path.at(-1) !== 'register' || !site.args?.[0]) continue;
      const plugin = linker.resolveValue(file, site.args[0]);
      if (plugin?.entity.kind !== 'external' || plugin.entity.module !== '@fastify/autoload') continue;
      const options = site.args[1];
      const dir = options?.kind === 'object' ? options.properties.dir : undefined;
      const call = dir?.kind === 'call' ? linker.summary(file)?.calls[dir.call] : undefined;
      const parts = (call?.args ?? []).flatMap((arg) => (arg.kind === 'string' ? [arg.value] : []));
      if (!parts.length) continue;
      const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      folders.push(joinPaths(base, ...parts).slice(1));
    }
  }
  return folders;
}

/**
 * An exported function whose first parameter is named `fastify`: the plugin convention of Fastify's
 * docs and of `fastify-cli` (`fastify start app.js` loads the default export as the root plugin).
 */
function conventionalPlugins(files: readonly string[], linker: ProgramLinker): Plugin[] {
  const found: Plugin[] = [];
  for (const file of files) {
    for (const name of ['default', '*']) {
      const exported = linker.resolveExport(file, name);
      if (exported?.entity.kind !== 'function' || exported.rest.length || exported.entity.file !== file) continue;
      if (linker.summary(file)?.functions[exported.entity.fn]?.params[0]?.name === 'fastify') found.push({ fn: { file, fn: exported.entity.fn }, prefix: '' });
      break;
    }
  }
  return found;
}

function paramFunction(root: Origin): number | null {
  return root.kind === 'param' ? root.fn : null;
}

function fromShorthand(file: string, site: CallSite, method: string, prefix: string, linker: ProgramLinker, calls: CallGraph): Route | null {
  const args = site.args ?? [];
  const path = linker.stringOf(file, args[0]);
  if (path === null || args.length < 2) return null;
  const options = args.length > 2 && args[1]?.kind === 'object' ? args[1] : null;
  const route = build(file, site, method, joinPaths(prefix, path), options, args.at(-1)!, linker, calls);
  if (args.length > 2 && !options && !route.validation) route.validation = schemaElsewhere(file, args[1]!, linker);
  return route;
}

/**
 * Route options held elsewhere (`app.post('/follow', followSchema, handler)` with the object in a
 * schemas module): its `schema` validates. Options the model cannot read may hold one: say so rather than none.
 */
function schemaElsewhere(file: string, value: Value, linker: ProgramLinker): string | null {
  const resolved = linker.resolveValue(file, value);
  const held = resolved?.entity.kind === 'value' && !resolved.rest.length ? resolved.entity.value : null;
  if (held?.kind !== 'object') return 'route options (not followed)';
  const schema = held.properties.schema;
  return schema !== undefined && schema.kind !== 'other' ? 'fastify schema' : held.spread ? 'route options (not followed)' : null;
}

function fromRouteOptions(file: string, site: CallSite, prefix: string, linker: ProgramLinker, calls: CallGraph): Route | null {
  const options = site.args?.[0];
  if (options?.kind !== 'object') return null;
  const { method, url, path, handler } = options.properties;
  const where = linker.stringOf(file, url ?? path);
  if (where === null || !handler) return null;
  const methods = method?.kind === 'string' ? method.value : method?.kind === 'array' ? method.elements.map((element) => (element.kind === 'string' ? element.value : '?')).join(',') : 'GET';
  return build(file, site, methods, joinPaths(prefix, where), options, handler, linker, calls);
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
    auth: hooks.find(isAuthName) ?? null,
  };
}
