import type { CallGraph, PathStep } from '../call-graph.js';
import { NEST_INPUTS } from '../http/validation.js';
import type { ProgramLinker } from '../link.js';
import type { ProgramSummary, Ref, Value } from '../summary.js';
import { SAME_LENGTH, unboundedSource, type UnboundedSource } from './array-source.js';

/** Static factories that build an object from the object they are given (`CreateOrderCommand.create({ items })`). */
const FACTORIES = new Set(['create', 'from', 'of', 'build']);
const MAX_VARIABLES = 8;

/**
 * The reference a value stands for, with `path` read off it: `{ items: body.items }` read at
 * `items` is `body.items`; a factory or constructor given one object literal is taken to carry its
 * fields (`Command.create({ items })`, `new Command({ items })`). Null when the value is anything else.
 */
function refOf(summary: ProgramSummary, value: Value | undefined, path: readonly string[], depth = 0): Ref | null {
  if (!value || depth > MAX_VARIABLES) return null;
  if (value.kind === 'ref') {
    const root = value.ref.root;
    if (root.kind === 'variable') {
      const held = summary.variables[root.id]?.value;
      // A variable holding an object or a factory call is read through; one holding a reference stays a
      // reference (array-source follows it, through `map`/`filter` too).
      const through = held && (held.kind === 'object' || held.kind === 'call' || held.kind === 'new') ? refOf(summary, held, [...value.ref.path, ...path], depth + 1) : null;
      if (through) return through;
    }
    return { root, path: [...value.ref.path, ...path] };
  }
  if (value.kind === 'object') {
    const [first, ...rest] = path;
    const property = first === undefined ? undefined : value.properties[first];
    return property ? refOf(summary, property, rest, depth + 1) : null;
  }
  if (value.kind === 'call' || value.kind === 'new') {
    const site = summary.calls[value.call];
    const name = site?.callee?.path.at(-1);
    // `items.map((item) => item.id)` handed on whole: as long as `items`.
    if (value.kind === 'call' && site?.callee && name !== undefined && SAME_LENGTH.has(name) && !path.length && !site.chain?.length) {
      return refOf(summary, { kind: 'ref', ref: { root: site.callee.root, path: site.callee.path.slice(0, -1) } }, [], depth + 1);
    }
    const factory = value.kind === 'new' || (name !== undefined && FACTORIES.has(name));
    const given = site?.args?.length === 1 ? site.args[0] : undefined;
    return factory && given?.kind === 'object' && path.length ? refOf(summary, given, path, depth + 1) : null;
  }
  return null;
}

/** The parameter a reference ends at, through the variables that hold it, or null. */
function parameterOf(summary: ProgramSummary, ref: Ref, depth = 0): Ref | null {
  if (ref.root.kind === 'param') return ref;
  if (ref.root.kind !== 'variable' || depth > MAX_VARIABLES) return null;
  const held = summary.variables[ref.root.id]?.value;
  const next = held ? refOf(summary, held, ref.path) : null;
  return next ? parameterOf(summary, next, depth + 1) : null;
}

/**
 * Where an array that is a parameter of a function comes from, followed back along the calls that
 * reach the function from a route handler (`path`, handler first): request input, a query result, or
 * null when some step hands over anything the program cannot trace (a call's result, a constant, a
 * callback's parameter). The answer is for that path only: the one the finding's trace shows.
 *
 * A parameter of the handler itself is request input when a NestJS decorator says so (`@Body()`);
 * an Express or Fastify handler's `req.body` is request input already in array-source.
 */
export function parameterOrigin(file: string, ref: Ref, path: readonly PathStep[], calls: CallGraph, linker: ProgramLinker): UnboundedSource | null {
  let currentFile = file;
  let current: Ref | null = ref;
  for (let index = path.length - 1; current; index--) {
    const summary = linker.summary(currentFile);
    if (!summary) return null;
    const param = parameterOf(summary, current);
    if (!param || param.root.kind !== 'param') return null;
    const { fn, index: position } = param.root;
    const step = index >= 0 ? path[index] : undefined;
    if (!step) {
      // The route handler: a Nest `@Body()`/`@Query()` parameter carries the request's data.
      const decorators = calls.info({ file: currentFile, fn })?.params[position]?.decorators ?? [];
      const part = decorators.map((decorator) => (decorator.from === '@nestjs/common' ? NEST_INPUTS[decorator.name] : undefined)).find(Boolean);
      const name = calls.info({ file: currentFile, fn })?.params[position]?.name ?? part;
      return part ? { kind: 'request', text: [name, ...param.path].join('.') } : null;
    }
    if (step.into.file !== currentFile || step.into.fn !== fn) return null;
    const callerSummary = linker.summary(step.call.file);
    if (!callerSummary) return null;
    const passed = refOf(callerSummary, step.call.site.args?.[position], param.path);
    if (!passed) return null;
    const source = unboundedSource(step.call.file, passed, linker);
    if (!source) return null;
    if (source.kind !== 'parameter') return source;
    currentFile = step.call.file;
    current = passed;
  }
  return null;
}
