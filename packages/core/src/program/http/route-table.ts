import type { CallGraph, FunctionRef } from '../call-graph.js';
import { keyOf } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { Value } from '../summary.js';
import { nameOf } from './express.js';
import { isAuthName, HTTP_METHODS, joinPaths, VALIDATION_NAME, type Route } from './route.js';

const MAX_DEPTH = 4;

/**
 * Route tables: object literals `{ method: 'GET', path: '/invoices', handler }` (or `url`), in arrays
 * a module returns or exports, in variables or passed to a call (`server.route([...])` in Hapi, a
 * framework-neutral route list mounted in a loop). The shape is specific enough to be a route
 * declaration whatever mounts it; the prefix it is mounted under is not known, so none is added.
 */
export function tableRoutes(files: readonly string[], linker: ProgramLinker, calls: CallGraph, known: readonly Route[]): Route[] {
  const handled = new Set(known.flatMap((route) => (route.handler ? [keyOf(route.handler)] : [])));
  const seen = new Set<string>();
  const routes: Route[] = [];
  const visit = (file: string, value: Value | undefined, depth: number): void => {
    if (!value || depth > MAX_DEPTH) return;
    if (value.kind === 'array') {
      for (const element of value.elements) visit(file, element, depth + 1);
      return;
    }
    if (value.kind !== 'object') return;
    if (value.line !== undefined) {
      const route = routeOf(file, value, linker, calls);
      const key = `${file}:${value.line}:${route?.method}`;
      if (route && !seen.has(key) && !(route.handler && handled.has(keyOf(route.handler)))) {
        seen.add(key);
        routes.push(route);
      }
      return;
    }
    for (const property of Object.values(value.properties)) visit(file, property, depth + 1);
  };
  for (const file of files) {
    const summary = linker.summary(file);
    if (!summary) continue;
    for (const info of summary.functions) visit(file, info.returns, 0);
    for (const variable of summary.variables) visit(file, variable.value, 0);
    for (const exported of Object.values(summary.exports)) visit(file, exported, 0);
    for (const site of summary.calls) for (const arg of site.args ?? []) visit(file, arg, 0);
  }
  return routes;
}

function routeOf(file: string, entry: Extract<Value, { kind: 'object' }>, linker: ProgramLinker, calls: CallGraph): Route | null {
  const { method, path, url, handler: handlerValue } = entry.properties;
  const methods =
    method?.kind === 'array' ? method.elements.map((element) => linker.stringOf(file, element)) : [linker.stringOf(file, method)];
  if (!methods.length || methods.some((name) => name === null || (!HTTP_METHODS.has(name.toLowerCase()) && name !== '*'))) return null;
  const where = linker.stringOf(file, path ?? url);
  if (where === null || !where.startsWith('/') || !handlerValue) return null;
  const resolved = linker.resolveValue(file, handlerValue);
  const handler: FunctionRef | null = resolved?.entity.kind === 'function' && !resolved.rest.length ? { file: resolved.entity.file, fn: resolved.entity.fn } : null;
  const info = handler ? calls.info(handler) : undefined;
  const hooks = ['middleware', 'preHandler', 'pre', 'before'].flatMap((key) => {
    const value = entry.properties[key];
    return value ? [nameOf(file, value, linker)] : [];
  });
  const hasSchema = ['schema', 'validate', 'validation'].some((key) => key in entry.properties);
  return {
    framework: 'table',
    method: (methods as string[]).map((name) => name.toUpperCase()).join(','),
    path: joinPaths(where),
    handler,
    handlerName: info?.name && info.name !== '<anonymous>' ? info.name : nameOf(file, handlerValue, linker),
    file,
    line: entry.line!,
    column: 1,
    middleware: hooks,
    validation: hasSchema ? 'route schema' : (hooks.find((name) => VALIDATION_NAME.test(name)) ?? null),
    auth: hooks.find(isAuthName) ?? null,
  };
}
