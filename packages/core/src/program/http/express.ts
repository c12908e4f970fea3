import type { CallGraph, FunctionRef } from '../call-graph.js';
import type { ProgramLinker, Resolved } from '../link.js';
import type { CallSite, Value } from '../summary.js';
import { AUTH_NAME, HTTP_METHODS, joinPaths, VALIDATION_NAME, type Route } from './route.js';

/** An Express application (`express()`) or router (`express.Router()`, `Router()`). */
function expressObject(resolved: Resolved | null): 'app' | 'router' | null {
  const entity = resolved?.entity;
  if (entity?.kind !== 'external' || entity.module !== 'express' || resolved!.rest.length) return null;
  const path = entity.path.join('.');
  if (path === '()') return 'app';
  if (path === 'Router.()') return 'router';
  return null;
}

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
  for (const file of files) {
    const summary = linker.summary(file);
    if (!summary) continue;
    for (const site of summary.calls) {
      const callee = site.callee;
      if (!callee || callee.path.length === 0) continue;
      const method = callee.path.at(-1)!;
      if (!HTTP_METHODS.has(method) && method !== 'use' && method !== 'route') continue;
      const receiver = linker.resolveRef(file, { root: callee.root, path: callee.path.slice(0, -1) });
      const kind = expressObject(receiver);
      if (!kind || !receiver?.holder) continue;
      if (kind === 'app') apps.add(receiver.holder);
      const args = site.args ?? [];
      const first = args[0];
      const path = first?.kind === 'string' ? first.value : null;
      if (method === 'route' && path !== null) {
        // router.route('/x').get(h).post(h): each chained verb is a route.
        for (const link of site.chain ?? []) if (HTTP_METHODS.has(link.name)) registrations.push({ file, site, holder: receiver.holder, method: link.name, path, args: link.args });
        continue;
      }
      if (method === 'use') {
        const prefix = path ?? '/';
        for (const arg of path === null ? args : args.slice(1)) {
          const child = linker.resolveValue(file, arg);
          if (expressObject(child) && child?.holder) mounts.push({ parent: receiver.holder, child: child.holder, prefix });
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
    validation: middleware.find((name) => VALIDATION_NAME.test(name)) ?? null,
    auth: middleware.find((name) => AUTH_NAME.test(name)) ?? null,
  };
}

/** How a middleware or handler argument reads in a route listing: `auth`, `validate(createUser)`, `<anonymous>`. */
export function nameOf(file: string, value: Value, linker: ProgramLinker): string {
  if (value.kind === 'ref') return [value.ref.root.kind === 'import' || value.ref.root.kind === 'variable' || value.ref.root.kind === 'global' ? value.ref.root.name === 'default' && value.ref.root.kind === 'import' ? value.ref.root.specifier : value.ref.root.name : value.ref.root.kind, ...value.ref.path].join('.');
  if (value.kind === 'call' || value.kind === 'new') {
    const call = linker.summary(file)?.calls[value.call];
    return call ? `${call.text}(…)` : '<call>';
  }
  if (value.kind === 'function') return linker.summary(file)?.functions[value.fn]?.name ?? '<anonymous>';
  if (value.kind === 'array') return value.elements.map((element) => nameOf(file, element, linker)).join(', ');
  return '<expression>';
}
