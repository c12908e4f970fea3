import type { ResolvedCall } from '../call-graph.js';
import { DataAccessModel } from '../data/model.js';
import type { ProgramLinker } from '../link.js';
import type { Ref } from '../summary.js';

/** Where an array comes from, when its length is not bounded by the code: what the finding names. */
export interface UnboundedSource {
  kind: 'request' | 'query' | 'parameter';
  /** `req.body.items`, `users`, `ids`: the array as the code names it. */
  text: string;
  /** For a query result, the query (`typeorm find`). */
  query?: string;
}

/** Array methods whose result is as long as (or longer than) their receiver. */
export const SAME_LENGTH: ReadonlySet<string> = new Set(['map', 'filter', 'flat', 'flatMap', 'concat', 'sort', 'reverse', 'toSorted', 'toReversed']);
const REQUEST_PARTS = new Set(['body', 'query', 'params']);
const MAX_DEPTH = 8;

const named = (ref: Ref, paramName: string | null) => [paramName ?? '<param>', ...ref.path].join('.');

/**
 * What an array is, followed through variables and length-preserving array methods: request input,
 * a read-many query result or a parameter; null when the program shows a bounded array (a literal,
 * a `slice` with literal bounds) or cannot tell.
 */
export function unboundedSource(file: string, ref: Ref, linker: ProgramLinker, depth = 0): UnboundedSource | null {
  if (depth > MAX_DEPTH) return null;
  const summary = linker.summary(file);
  if (!summary) return null;
  const root = ref.root;
  if (root.kind === 'param') {
    const name = summary.functions[root.fn]?.params[root.index]?.name ?? null;
    if (ref.path.length && REQUEST_PARTS.has(ref.path[0]!)) return { kind: 'request', text: named(ref, name) };
    return { kind: 'parameter', text: named(ref, name) };
  }
  if (root.kind !== 'variable') return null;
  const value = summary.variables[root.id]?.value;
  if (!value) return null;
  if (value.kind === 'ref') return unboundedSource(file, { root: value.ref.root, path: [...value.ref.path, ...ref.path] }, linker, depth + 1);
  if (value.kind !== 'call' || ref.path.length) return null;
  const site = summary.calls[value.call];
  if (!site?.callee) return null;
  const method = site.callee.path.at(-1);
  if (method === 'slice') return null;
  // `await Promise.all(items.map(…))` resolves to one result per element of `items`.
  if (site.callee.root.kind === 'global' && site.callee.root.name === 'Promise' && site.callee.path.length === 1 && (method === 'all' || method === 'allSettled')) {
    const given = site.args?.[0];
    const mapped = given?.kind === 'call' ? summary.calls[given.call] : undefined;
    if (mapped?.callee?.path.at(-1) === 'map' && !mapped.chain?.length) return unboundedSource(file, { root: mapped.callee.root, path: mapped.callee.path.slice(0, -1) }, linker, depth + 1);
    return given?.kind === 'ref' ? unboundedSource(file, given.ref, linker, depth + 1) : null;
  }
  if (method && SAME_LENGTH.has(method) && !site.chain?.length) {
    const receiver = { root: site.callee.root, path: site.callee.path.slice(0, -1) };
    const inner = unboundedSource(file, receiver, linker, depth + 1);
    if (inner) return inner;
  }
  const resolved: ResolvedCall = { site, index: value.call, file, callee: linker.resolveRef(file, site.callee) };
  const query = DataAccessModel.queryOf(resolved);
  // A query without a limit on its chain (`.limit(10)`, `.take(10)`) returns as many rows as match.
  if (query?.kind === 'read-many' && !site.chain?.some((step) => step.name === 'limit' || step.name === 'take')) {
    const options = site.args?.[0];
    const capped = options?.kind === 'object' && ('take' in options.properties || 'limit' in options.properties);
    return capped ? null : { kind: 'query', text: [root.name, ...ref.path].join('.'), query: `${query.library} ${query.operation}` };
  }
  return null;
}
