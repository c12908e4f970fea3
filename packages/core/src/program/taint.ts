import { parameterOrigin } from './async/argument-origin.js';
import type { CallGraph, PathStep } from './call-graph.js';
import type { ProgramLinker } from './link.js';
import type { Ref, Value } from './summary.js';

/** Parts of a request whose values the client writes. */
const CLIENT_PARTS = new Set(['body', 'query', 'params', 'headers', 'cookies']);
const MAX_STEPS = 24;

/** Where a tainted value comes from, as the code names it: `req.body.email`. */
export interface TaintSource {
  text: string;
}

interface Walk {
  path: readonly PathStep[];
  calls: CallGraph;
  linker: ProgramLinker;
  steps: number;
  seen: Set<string>;
}

const nameOf = (linker: ProgramLinker, file: string, ref: Ref): string => {
  const root = ref.root;
  const base =
    root.kind === 'param'
      ? (linker.summary(file)?.functions[root.fn]?.params[root.index]?.name ?? 'param')
      : root.kind === 'variable' || root.kind === 'global' || root.kind === 'import'
        ? root.name
        : root.kind;
  return [base, ...ref.path].join('.');
};

function refTaint(file: string, ref: Ref, walk: Walk): TaintSource | null {
  if (++walk.steps > MAX_STEPS) return null;
  const root = ref.root;
  if (root.kind === 'param') {
    // `req.body.email`, `request.query.q`, a destructured `{ body }`: what the client sent.
    if (ref.path.length && CLIENT_PARTS.has(ref.path[0]!)) return { text: nameOf(walk.linker, file, ref) };
    // A parameter of a function the request reaches: what its callers on the trace give it.
    const origin = walk.path.length || walk.linker.summary(file)?.functions[root.fn]?.params[root.index]?.decorators.length ? parameterOrigin(file, ref, walk.path, walk.calls, walk.linker) : null;
    return origin?.kind === 'request' ? { text: origin.text } : null;
  }
  if (root.kind !== 'variable') return null;
  const key = `${file}#${root.id}`;
  if (walk.seen.has(key)) return null;
  walk.seen.add(key);
  const variable = walk.linker.summary(file)?.variables[root.id];
  if (!variable) return null;
  const held = variable.value;
  if (held?.kind === 'ref') {
    const found = refTaint(file, { root: held.ref.root, path: [...held.ref.path, ...ref.path] }, walk);
    if (found) return found;
  } else if (held) {
    const found = valueTaint(file, held, walk);
    if (found) return found;
  }
  for (const from of variable.from ?? []) {
    const found = refTaint(file, from, walk);
    if (found) return found;
  }
  return null;
}

function valueTaint(file: string, value: Value, walk: Walk): TaintSource | null {
  if (value.kind === 'ref') return refTaint(file, value.ref, walk);
  if (value.kind === 'text') {
    for (const from of value.from ?? []) {
      const found = refTaint(file, from, walk);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Whether a value carries data from the request, and from where: request parts read in the
 * function, variables and texts made of them (through `?:`, `||`, `+`, templates and string methods
 * that keep the text), and parameters that the callers on the trace (`path`, from the route
 * handler) fill with request data. A call's result is not followed: what a function returns is not
 * its argument (a hash, an escape, a lookup), so taint stops there, on the side of silence.
 */
export function requestTaint(file: string, value: Value | undefined, path: readonly PathStep[], calls: CallGraph, linker: ProgramLinker): TaintSource | null {
  if (!value) return null;
  return valueTaint(file, value, { path, calls, linker, steps: 0, seen: new Set() });
}
