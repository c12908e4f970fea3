import type { CallGraph, PathStep } from './call-graph.js';
import { NEST_INPUTS } from './http/validation.js';
import type { ProgramLinker } from './link.js';
import type { Ref, Value } from './summary.js';
import { TEXT_KEEPING_METHODS } from './text-methods.js';

/** Parts of a request whose values the client writes. */
const CLIENT_PARTS = new Set(['body', 'query', 'params', 'headers', 'cookies']);
const MAX_STEPS = 32;
/** `node:path` functions whose result contains their arguments. */
const PATH_BUILDING = new Set(['join', 'resolve', 'normalize', 'format']);

/** Where a tainted value comes from, as the code names it: `req.body.email`. */
export interface TaintSource {
  text: string;
}

interface Walk {
  calls: CallGraph;
  linker: ProgramLinker;
  steps: number;
  seen: Set<string>;
  /**
   * `whole`: only a whole object the client wrote (`req.body`, `req.body.user`, a NestJS `@Body()`
   * DTO, an object spreading one), not a value inside it: what mass assignment follows.
   */
  whole?: true;
}

/** A member path of a request that holds a client-written object: the body or something in it, or the whole query string. */
const wholeClientObject = (path: readonly string[]) => path[0] === 'body' || (path[0] === 'query' && path.length === 1);

function nameOf(linker: ProgramLinker, file: string, ref: Ref): string {
  const root = ref.root;
  // A destructured parameter (`({ body }) => …`) has no name of its own: its member path names it.
  const base =
    root.kind === 'param'
      ? (linker.summary(file)?.functions[root.fn]?.params[root.index]?.name ?? (ref.path.length ? null : 'param'))
      : root.kind === 'variable' || root.kind === 'global' || root.kind === 'import'
        ? root.name
        : root.kind;
  return [...(base === null ? [] : [base]), ...ref.path].join('.');
}

/** A value read at a member path: `{ items: body.items }` at `items` is `body.items`. */
function member(value: Value | undefined, path: readonly string[]): Value | null {
  if (!value) return null;
  if (!path.length) return value;
  if (value.kind === 'ref') return { kind: 'ref', ref: { root: value.ref.root, path: [...value.ref.path, ...path] } };
  if (value.kind === 'object') return member(value.properties[path[0]!], path.slice(1));
  return null;
}

function paramTaint(file: string, ref: Ref & { root: { kind: 'param' } }, path: readonly PathStep[], walk: Walk): TaintSource | null {
  // `req.body.email`, `request.query.q`, a destructured `{ body }`: what the client sent.
  if (ref.path.length && CLIENT_PARTS.has(ref.path[0]!)) return !walk.whole || wholeClientObject(ref.path) ? { text: nameOf(walk.linker, file, ref) } : null;
  const { fn, index } = ref.root;
  // The call on the trace that enters this function: what its caller passes is what the parameter holds.
  let at = path.length - 1;
  while (at >= 0 && !(path[at]!.into.file === file && path[at]!.into.fn === fn)) at--;
  if (at < 0) {
    // The route handler itself: a NestJS `@Body()`/`@Query()`/`@Param()` parameter is request input.
    const param = walk.linker.summary(file)?.functions[fn]?.params[index];
    const decorator = param?.decorators.find((candidate) => candidate.from === '@nestjs/common' && NEST_INPUTS[candidate.name]);
    const part = decorator ? NEST_INPUTS[decorator.name] : undefined;
    if (!part) return null;
    // Whole objects: `@Body() dto` (not `@Body('email')`), read whole or at a member that holds an object.
    if (walk.whole && (part !== 'body' || decorator!.args.length || ref.path.length)) return null;
    return { text: [param?.name ?? part, ...ref.path].join('.') };
  }
  const step = path[at]!;
  const passed = member(step.call.site.args?.[index], ref.path);
  return passed ? valueTaint(step.call.file, passed, path.slice(0, at), walk) : null;
}

function refTaint(file: string, ref: Ref, path: readonly PathStep[], walk: Walk): TaintSource | null {
  if (++walk.steps > MAX_STEPS) return null;
  const root = ref.root;
  if (root.kind === 'param') return paramTaint(file, ref as Ref & { root: { kind: 'param' } }, path, walk);
  if (root.kind !== 'variable') return null;
  const key = `${file}#${root.id}:${path.length}`;
  if (walk.seen.has(key)) return null;
  walk.seen.add(key);
  const variable = walk.linker.summary(file)?.variables[root.id];
  if (!variable) return null;
  const held = member(variable.value, ref.path) ?? (ref.path.length ? null : variable.value ?? null);
  const found = held ? valueTaint(file, held, path, walk) : null;
  if (found) return found;
  // What a variable is computed from (`x.trim()`, `a || b`) is a value made of them, not the object itself.
  if (walk.whole) return null;
  for (const from of variable.from ?? []) {
    const fromFound = refTaint(file, from, path, walk);
    if (fromFound) return fromFound;
  }
  return null;
}

function valueTaint(file: string, value: Value, path: readonly PathStep[], walk: Walk): TaintSource | null {
  if (value.kind === 'ref') return refTaint(file, value.ref, path, walk);
  if (walk.whole) {
    // `{ ...req.body, authorId }`: every key the client sent is still there.
    for (const spread of value.kind === 'object' ? (value.spreads ?? []) : []) {
      const found = refTaint(file, spread, path, walk);
      if (found) return { text: `...${found.text}` };
    }
    return null;
  }
  if (value.kind === 'text') {
    for (const from of value.from ?? []) {
      const found = refTaint(file, from, path, walk);
      if (found) return found;
    }
    return null;
  }
  if (value.kind === 'call') {
    // `String(x)` and `x.trim()` are still `x`; any other call's result is not its argument.
    const site = walk.linker.summary(file)?.calls[value.call];
    const callee = site?.callee;
    if (!callee || site.chain?.length) return null;
    if (callee.root.kind === 'global' && callee.root.name === 'String' && !callee.path.length && site.args?.[0]) return valueTaint(file, site.args[0], path, walk);
    // `path.join(dir, name)`, `path.resolve(root, name)`: the path still holds what was joined in.
    const resolved = callee.root.kind === 'import' ? walk.linker.resolveRef(file, callee) : null;
    const entity = resolved?.entity.kind === 'external' && !resolved.rest.length ? resolved.entity : null;
    if (entity) {
      if (!/^(node:)?path$/.test(entity.module) || !PATH_BUILDING.has(entity.path.filter((step) => step !== 'posix' && step !== 'win32').join('.'))) return null;
      for (const arg of site.args ?? []) {
        const found = valueTaint(file, arg, path, walk);
        if (found) return found;
      }
      return null;
    }
    const method = callee.path.at(-1);
    if (method && TEXT_KEEPING_METHODS.has(method)) return refTaint(file, { root: callee.root, path: callee.path.slice(0, -1) }, path, walk);
  }
  return null;
}

/**
 * Whether a value carries data from the request, and from where: request parts, variables and texts
 * made of them (through `?:`, `||`, `+`, templates and string methods that keep the text), and
 * parameters that the callers on the trace (`path`, from the route handler) fill with such data,
 * object literals and member paths included. A call's result is not followed: what a function
 * returns is not its argument (a hash, an escape, a lookup), so taint stops there, on the side of
 * silence.
 */
export function requestTaint(file: string, value: Value | undefined, path: readonly PathStep[], calls: CallGraph, linker: ProgramLinker): TaintSource | null {
  if (!value) return null;
  return valueTaint(file, value, path, { calls, linker, steps: 0, seen: new Set() });
}

/**
 * Whether a value is a whole object the client wrote, and which: the request body (or an object
 * inside it), the whole query string, a NestJS `@Body()` parameter, or an object literal spreading
 * one, followed through variables and the callers on the trace like `requestTaint`. A value read
 * from inside it (`req.body.email`) or built from chosen fields is not.
 */
export function requestObject(file: string, value: Value | undefined, path: readonly PathStep[], calls: CallGraph, linker: ProgramLinker): TaintSource | null {
  if (!value) return null;
  return valueTaint(file, value, path, { calls, linker, steps: 0, seen: new Set(), whole: true });
}
