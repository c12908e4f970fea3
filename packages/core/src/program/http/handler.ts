import type { FunctionRef } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { CallSite, Value } from '../summary.js';
import type { Route } from './route.js';

/** The call that registers a route (`router.post('/x', …)`, the `router.route('/x')` of a chain), found by its position. */
export function registrationSite(route: Route, linker: ProgramLinker): CallSite | null {
  return linker.summary(route.file)?.calls.find((call) => call.line === route.line && call.column === route.column) ?? null;
}

/** The handler and middleware arguments of an Express or Fastify shorthand registration, in order. */
export function registrationArgs(route: Route, linker: ProgramLinker): Value[] {
  const site = registrationSite(route, linker);
  if (!site) return [];
  if (site.callee?.path.at(-1) === 'route') return site.chain?.find((link) => link.name === route.method.toLowerCase())?.args ?? [];
  return (site.args ?? []).slice(1);
}

/** The project function a wrapper call is given (`catchAsync(async (req, res) => …)`), when it is given one. */
function wrappedFunction(file: string, value: Value, linker: ProgramLinker, depth = 0): FunctionRef | null {
  if (depth > 3) return null;
  if (value.kind === 'ref' && value.ref.root.kind === 'variable' && value.ref.path.length === 0) {
    const held = linker.summary(file)?.variables[value.ref.root.id]?.value;
    return held ? wrappedFunction(file, held, linker, depth + 1) : null;
  }
  // `import { create } from './controller'` / `import * as controller` … `controller.create`: the exported expression.
  if (value.kind === 'ref' && value.ref.root.kind === 'import') {
    const { specifier, name } = value.ref.root;
    const path = value.ref.path;
    const exported = path.length === 0 && name !== '*' && name !== 'default' ? linker.exportedValue(file, specifier, name) : path.length === 1 && name === '*' ? linker.exportedValue(file, specifier, path[0]!) : null;
    return exported ? wrappedFunction(exported.file, exported.value, linker, depth + 1) : null;
  }
  if (value.kind !== 'call') return null;
  for (const arg of linker.summary(file)?.calls[value.call]?.args ?? []) {
    // `wrap(handler)`, `wrap(makeHandler())`: a function, a reference to one, or a factory's result.
    const resolved = arg.kind === 'function' || arg.kind === 'ref' || arg.kind === 'call' ? linker.resolveValue(file, arg) : null;
    if (resolved?.entity.kind === 'function' && !resolved.rest.length) return { file: resolved.entity.file, fn: resolved.entity.fn };
  }
  return null;
}

/**
 * The function that holds what a route does: the handler, or the function a wrapper around it was
 * given (`router.post('/', catchAsync(create))`, `const create = catchAsync(async (req, res) => …)`),
 * whose code the model would otherwise read as the wrapper's three lines.
 */
export function handlerBody(route: Route, linker: ProgramLinker): FunctionRef | null {
  if (route.framework === 'nestjs') return route.handler;
  const site = registrationSite(route, linker);
  const last = registrationArgs(route, linker).at(-1);
  if (site && last) {
    const inner = wrappedFunction(route.file, last, linker);
    if (inner) return inner;
    // `exports.create = catchAsync(async (req, res) => …)` referenced from a routes file: follow the reference to its value.
    const resolved = last.kind === 'ref' ? linker.resolveRef(route.file, { root: last.ref.root, path: last.ref.path.slice(0, -1) }) : null;
    const held = resolved?.entity.kind === 'value' && resolved.entity.value.kind === 'object' ? resolved.entity.value.properties[last.kind === 'ref' ? last.ref.path.at(-1)! : ''] : undefined;
    if (held && resolved?.entity.kind === 'value') {
      const viaExport = wrappedFunction(resolved.entity.file, held, linker);
      if (viaExport) return viaExport;
    }
    // Wherever the handler was made, through imports and destructuring: the variable holding it says
    // whether it is a wrapper's result (`const create = catchAsync(async (req, res) => …)`).
    const holder = linker.resolveValue(route.file, last)?.holder;
    const at = holder?.lastIndexOf(':v') ?? -1;
    if (holder && at > 0) {
      const file = holder.slice(0, at);
      const value = linker.summary(file)?.variables[Number(holder.slice(at + 2))]?.value;
      const inner = value ? wrappedFunction(file, value, linker) : null;
      if (inner) return inner;
    }
  }
  return route.handler;
}
