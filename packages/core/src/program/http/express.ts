import type { CallGraph, FunctionRef } from '../call-graph.js';
import type { ProgramLinker, Resolved } from '../link.js';
import type { CallSite, Origin, Value } from '../summary.js';
import { AUTH_NAME, HTTP_METHODS, joinPaths, UNKNOWN_SEGMENT, VALIDATION_NAME, type Route } from './route.js';
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
}

/**
 * Express 4 and 5: routes registered on an app or a router (`router.get`, `router.route('/x').post`),
 * routers mounted with `use(prefix, router)` across files, middleware before the handler.
 */
export function expressRoutes(files: readonly string[], linker: ProgramLinker, calls: CallGraph): Route[] {
  const registrations: Registration[] = [];
  const mounts: Mount[] = [];
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
        const prefix = path ?? (firstIsMounted || first?.kind === 'function' ? '/' : UNKNOWN_SEGMENT);
        for (const arg of path === null && firstIsMounted ? args : args.slice(1)) {
          const child = objectOf(file, arg);
          if (child) mounts.push({ parent: receiver.holder, child: child.holder, prefix });
        }
        continue;
      }
      if (path === null || args.length < 2) continue;
      registrations.push({ file, site, holder: receiver.holder, method, path, args: args.slice(1) });
    }
  }
  const prefixes = mountPrefixes(apps, mounts);
  return registrations.map((registration) => toRoute(registration, prefixes.get(registration.holder) ?? '', linker, calls));
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

function toRoute(registration: Registration, prefix: string, linker: ProgramLinker, calls: CallGraph): Route {
  const { file, site, args } = registration;
  const names = args.map((arg) => nameOf(registration.file, arg, linker));
  const handlerValue = args.at(-1)!;
  const resolved = linker.resolveValue(file, handlerValue);
  const handler: FunctionRef | null = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
  const middleware = names.slice(0, -1);
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
    validation: middleware.find((name) => VALIDATION_NAME.test(name)) ?? args.slice(0, -1).map((arg) => validationMiddlewareLibrary(file, arg, linker)).find((library) => library !== null) ?? null,
    auth: middleware.find((name) => AUTH_NAME.test(name)) ?? null,
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
