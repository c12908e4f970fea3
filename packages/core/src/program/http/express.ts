import type { CallGraph, FunctionRef } from '../call-graph.js';
import type { ProgramLinker, Resolved } from '../link.js';
import type { CallSite, Origin, Value } from '../summary.js';
import { isAuthName, HTTP_METHODS, joinPaths, UNKNOWN_SEGMENT, VALIDATION_NAME, type Route } from './route.js';
import { validationMiddlewareLibrary } from './validation.js';

const APP_PATHS = new Set(['()', 'default.()', 'Express.new', 'Application.new']);
const ROUTER_PATHS = new Set(['Router.()', 'default.Router.()', 'Router.new', 'IRouter.new']);

/** An Express application (`express()`, a parameter typed `Express`) or router (`express.Router()`, `Router()`). */
export function expressObject(resolved: Resolved | null): 'app' | 'router' | null {
  const entity = resolved?.entity;
  if (entity?.kind !== 'external' || entity.module !== 'express' || resolved!.rest.length) return null;
  const path = entity.path.join('.');
  if (APP_PATHS.has(path)) return 'app';
  if (ROUTER_PATHS.has(path)) return 'router';
  return null;
}

interface ExpressObject {
  kind: 'app' | 'router';
  holder: string;
}

const paramKey = (file: string, fn: number, index: number) => `${file}#${fn}.${index}`;

interface Registration {
  file: string;
  site: CallSite;
  holder: string;
  method: string;
  path: string;
  args: Value[];
}

interface Mount {
  parent: string;
  child: string;
  prefix: string;
  /** Middleware written in the mounting call before the router (`use('/admin', requireAdmin, adminRouter)`). */
  middleware: string[];
  file: string;
  line: number;
}

/** Middleware registered with `use` on an app or router: it runs for the routes under `prefix`. */
interface Use {
  holder: string;
  /** The local path it is mounted on (`/` for every path). */
  prefix: string;
  names: string[];
  values: Value[];
  file: string;
  line: number;
}

/**
 * Express 4 and 5: routes registered on an app or a router (`router.get`, `router.route('/x').post`),
 * routers mounted with `use(prefix, router)` across files, middleware before the handler.
 */
export function expressRoutes(files: readonly string[], linker: ProgramLinker, calls: CallGraph): Route[] {
  const registrations: Registration[] = [];
  const mounts: Mount[] = [];
  const uses: Use[] = [];
  const apps = new Set<string>();
  // `require('./routes')(app)`, `registerRoutes(app)`: the callee's parameter is that app or router.
  const passed = new Map<string, ExpressObject>();
  const objectOf = (file: string, value: Value): ExpressObject | null => {
    if (value.kind === 'ref' && value.ref.root.kind === 'param' && value.ref.path.length === 0) {
      const alias = passed.get(paramKey(file, value.ref.root.fn, value.ref.root.index));
      if (alias) return alias;
    }
    const resolved = linker.resolveValue(file, value);
    const kind = expressObject(resolved);
    if (!kind) return null;
    const root = value.kind === 'ref' ? value.ref.root : null;
    const holder = resolved?.holder ?? (root?.kind === 'param' ? paramKey(file, root.fn, root.index) : null);
    return holder ? { kind, holder } : null;
  };
  // An app or router is made in a file that imports express; it is passed on from there, and from the
  // files that received one, a few hops at most. Only those files' calls are looked at.
  let callers = new Set(files.filter((file) => linker.importsPackage(file, 'express')));
  for (let round = 0; round < 3 && callers.size; round++) {
    const next = new Set<string>();
    for (const file of callers) {
      for (const site of linker.summary(file)?.calls ?? []) {
        if (!site.args?.some((arg) => arg.kind === 'ref' || arg.kind === 'call')) continue;
        const target = linker.resolveCallee(file, site);
        if (target?.entity.kind !== 'function' || target.rest.length) continue;
        const { file: targetFile, fn } = target.entity;
        site.args.forEach((arg, index) => {
          if (arg.kind !== 'ref' && arg.kind !== 'call') return;
          const object = objectOf(file, arg);
          if (!object || passed.has(paramKey(targetFile, fn, index))) return;
          passed.set(paramKey(targetFile, fn, index), object);
          next.add(targetFile);
        });
      }
    }
    callers = next;
  }
  // Where routes can be registered: files that import express, files given an app or router as a
  // parameter, and (on an imported router only) any other file.
  const receivingFiles = new Set([...passed.keys()].map((key) => key.slice(0, key.lastIndexOf('#'))));
  for (const file of files) {
    const summary = linker.summary(file);
    if (!summary) continue;
    const importedOnly = !linker.importsPackage(file, 'express') && !receivingFiles.has(file);
    for (const site of summary.calls) {
      const callee = site.callee;
      if (!callee || callee.path.length === 0) continue;
      const method = callee.path.at(-1)!;
      if (!HTTP_METHODS.has(method) && method !== 'use' && method !== 'route') continue;
      if (importedOnly && callee.root.kind !== 'import') continue;
      const receiver = objectOf(file, { kind: 'ref', ref: { root: callee.root, path: callee.path.slice(0, -1) } });
      if (!receiver) continue;
      const kind = receiver.kind;
      if (kind === 'app') apps.add(receiver.holder);
      const args = site.args ?? [];
      const first = args[0];
      const path = linker.stringOf(file, first);
      if (method === 'route' && path !== null) {
        // router.route('/x').get(h).post(h): each chained verb is a route.
        for (const link of site.chain ?? []) if (HTTP_METHODS.has(link.name)) registrations.push({ file, site, holder: receiver.holder, method: link.name, path, args: link.args });
        continue;
      }
      if (method === 'use') {
        const firstIsMounted = first !== undefined && objectOf(file, first) !== null;
        // Without a readable path, the first argument is a handler when it is a function or makes one (`auth()`);
        // anything else may be a path the model cannot read (`use(config.prefix, router)`).
        const firstIsHandler = first?.kind === 'function' || first?.kind === 'call' || (first?.kind === 'ref' && linker.resolveValue(file, first)?.entity.kind === 'function');
        const pathless = path === null && (firstIsMounted || firstIsHandler);
        const prefix = path ?? (pathless ? '/' : UNKNOWN_SEGMENT);
        const before: Value[] = [];
        let mounted = false;
        for (const arg of pathless ? args : args.slice(1)) {
          const child = objectOf(file, arg);
          if (child) {
            mounts.push({ parent: receiver.holder, child: child.holder, prefix, middleware: before.map((value) => nameOf(file, value, linker)), file, line: site.line });
            mounted = true;
          } else if (!mounted) before.push(arg);
        }
        // `app.use(auth)`, `router.use('/admin', requireAdmin)`: middleware for every route under the path.
        if (!mounted && before.length && prefix !== UNKNOWN_SEGMENT) uses.push({ holder: receiver.holder, prefix, names: before.map((value) => nameOf(file, value, linker)), values: before, file, line: site.line });
        continue;
      }
      if (path === null || args.length < 2) continue;
      registrations.push({ file, site, holder: receiver.holder, method, path, args: args.slice(1) });
    }
  }
  const prefixes = mountPrefixes(apps, mounts);
  const chain = middlewareChain(mounts, uses);
  return registrations.map((registration) => toRoute(registration, prefixes.get(registration.holder) ?? '', chain(registration), linker, calls));
}

/** Whether middleware mounted on the prefix `want` runs for a request to the local path `have`, both as segments (`:param` segments match any). */
function underPrefix(want: readonly string[], have: readonly string[]): boolean {
  return want.length <= have.length && want.every((segment, index) => segment === have[index] || segment.startsWith(':') || have[index]!.startsWith(':'));
}

/**
 * The middleware that runs before a route's own: `use` on its router, then on each router or app
 * that mounts it (and the middleware written in the mounting call), outermost first. Express runs
 * `use` middleware only for routes registered after it; within one file, line order says which
 * those are; across files the order is not known and the middleware is counted (it may run).
 */
function middlewareChain(mounts: readonly Mount[], uses: readonly Use[]): (registration: Registration) => { names: string[]; values: { file: string; value: Value }[] } {
  const parentOf = new Map<string, Mount>();
  for (const mount of mounts) if (!parentOf.has(mount.child) && mount.child !== mount.parent) parentOf.set(mount.child, mount);
  // Every route is tested against every `use` of its router: each path is split once, not per test.
  const segments = new Map<string, string[]>();
  const segmentsOf = (path: string): string[] => {
    let split = segments.get(path);
    if (!split) segments.set(path, (split = path.split('/').filter(Boolean)));
    return split;
  };
  const applying = (holder: string, path: string, file: string, line: number) =>
    uses.filter((use) => use.holder === holder && use.prefix !== UNKNOWN_SEGMENT && underPrefix(segmentsOf(use.prefix), segmentsOf(path)) && !(use.file === file && use.line > line));
  return (registration) => {
    const layers: { names: string[]; values: { file: string; value: Value }[] }[] = [];
    let holder = registration.holder;
    let path = registration.path;
    let at = { file: registration.file, line: registration.site.line };
    for (let depth = 0; depth < 8; depth++) {
      const own = applying(holder, path, at.file, at.line);
      layers.unshift({ names: own.flatMap((use) => use.names), values: own.flatMap((use) => use.values.map((value) => ({ file: use.file, value }))) });
      const mount = parentOf.get(holder);
      if (!mount) break;
      layers.unshift({ names: mount.middleware, values: [] });
      holder = mount.parent;
      path = joinPaths(mount.prefix, path);
      at = { file: mount.file, line: mount.line };
    }
    return { names: layers.flatMap((layer) => layer.names), values: layers.flatMap((layer) => layer.values) };
  };
}

/** The full prefix of every router reachable from an app through `use` (the first mount found wins). */
function mountPrefixes(apps: ReadonlySet<string>, mounts: readonly Mount[]): Map<string, string> {
  const prefixes = new Map<string, string>([...apps].map((app) => [app, '']));
  let changed = true;
  for (let round = 0; changed && round < 16; round++) {
    changed = false;
    for (const mount of mounts) {
      const parent = prefixes.get(mount.parent);
      if (parent === undefined || prefixes.has(mount.child)) continue;
      prefixes.set(mount.child, joinPaths(parent, mount.prefix));
      changed = true;
    }
  }
  return prefixes;
}

function toRoute(registration: Registration, prefix: string, inherited: { names: string[]; values: { file: string; value: Value }[] }, linker: ProgramLinker, calls: CallGraph): Route {
  const { file, site, args } = registration;
  const names = args.map((arg) => nameOf(registration.file, arg, linker));
  const handlerValue = args.at(-1)!;
  const resolved = linker.resolveValue(file, handlerValue);
  const handler: FunctionRef | null = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
  const middleware = [...inherited.names, ...names.slice(0, -1)];
  const middlewareValues = [...inherited.values, ...args.slice(0, -1).map((value) => ({ file, value }))];
  const handlerInfo = handler ? calls.info(handler) : undefined;
  return {
    framework: 'express',
    method: registration.method.toUpperCase(),
    path: joinPaths(prefix, registration.path),
    handler,
    handlerName: handlerInfo?.name && handlerInfo.name !== '<anonymous>' ? handlerInfo.name : (names.at(-1) ?? '<anonymous>'),
    file,
    line: site.line,
    column: site.column,
    middleware,
    validation: middleware.find((name) => VALIDATION_NAME.test(name)) ?? middlewareValues.map((entry) => validationMiddlewareLibrary(entry.file, entry.value, linker)).find((library) => library !== null) ?? null,
    auth: middleware.find(isAuthName) ?? null,
  };
}

function rootName(root: Origin, file: string, linker: ProgramLinker): string {
  switch (root.kind) {
    case 'import':
      return root.name === 'default' || root.name === '*' ? (root.specifier.split('/').at(-1) ?? root.specifier) : root.name;
    case 'variable':
    case 'global':
      return root.name;
    case 'function':
      return linker.summary(file)?.functions[root.fn]?.name ?? 'function';
    case 'class':
      return linker.summary(file)?.classes[root.cls]?.name ?? 'class';
    case 'param':
      return linker.summary(file)?.functions[root.fn]?.params[root.index]?.name ?? 'parameter';
    default:
      return root.kind;
  }
}

/** How a middleware or handler argument reads in a route listing: `auth`, `validate(createUser)`, `<anonymous>`. */
export function nameOf(file: string, value: Value, linker: ProgramLinker): string {
  if (value.kind === 'ref') {
    const resolved = linker.resolveValue(file, value);
    if (resolved?.entity.kind === 'function' && !resolved.rest.length) {
      const name = linker.summary(resolved.entity.file)?.functions[resolved.entity.fn]?.name;
      if (name && name !== '<anonymous>') return name;
    }
    return [rootName(value.ref.root, file, linker), ...value.ref.path].join('.');
  }
  if (value.kind === 'call' || value.kind === 'new') {
    const call = linker.summary(file)?.calls[value.call];
    return call ? `${call.text}(…)` : '<call>';
  }
  if (value.kind === 'function') return linker.summary(file)?.functions[value.fn]?.name ?? '<anonymous>';
  if (value.kind === 'array') return value.elements.map((element) => nameOf(file, element, linker)).join(', ');
  return '<expression>';
}
