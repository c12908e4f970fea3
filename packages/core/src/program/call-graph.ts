import type { CallSite, FunctionInfo } from './summary.js';
import type { ProgramLinker, Resolved } from './link.js';

/** A function of the project: `file#index`. */
export type FunctionKey = string;

export interface FunctionRef {
  file: string;
  fn: number;
}

export interface ResolvedCall {
  site: CallSite;
  /** Index of the site in its file's `calls`. */
  index: number;
  file: string;
  /** What the callee is, when the program says. */
  callee: Resolved | null;
  /** The package target `CallGraph.external` found for this call, once it was asked. */
  externalTarget?: ExternalTarget;
}

/** One step of a path from a function to a call: the call made and the function it lands in. */
export interface PathStep {
  call: ResolvedCall;
  into: FunctionRef;
}

/** The package a call goes to and the path taken on it; shared between the rules that ask, so read-only. */
export interface ExternalTarget {
  readonly module: string;
  readonly steps: readonly string[];
}

export const keyOf = (ref: FunctionRef): FunctionKey => `${ref.file}#${ref.fn}`;

/** How deep `reachableFrom` follows calls: handlers reach their effects in a handful of hops. */
export const DEFAULT_DEPTH = 6;

/**
 * Functions, their call sites and resolved callees across files. Built on demand per function and
 * memoised, so a run resolves only what some rule asks about.
 */
export class CallGraph {
  /**
   * file -> function index -> its resolved calls. Keyed in two steps, not by `keyOf`: the rules ask for
   * the same functions' calls again and again, and a key string built and hashed at every ask was the
   * largest self time of the rules on the synthetic repository (callsIn: 57 ms of 923, bench/README.md).
   */
  private readonly callsByFunction = new Map<string, Map<number, ResolvedCall[]>>();

  constructor(readonly linker: ProgramLinker) {}

  info(ref: FunctionRef): FunctionInfo | undefined {
    return this.linker.summary(ref.file)?.functions[ref.fn];
  }

  /** Every call site whose nearest enclosing function is `ref`, with its callee resolved. */
  callsIn(ref: FunctionRef): ResolvedCall[] {
    let byFunction = this.callsByFunction.get(ref.file);
    if (!byFunction) this.callsByFunction.set(ref.file, (byFunction = new Map()));
    const known = byFunction.get(ref.fn);
    if (known) return known;
    const calls = (this.sitesByFunction(ref.file).get(ref.fn) ?? []).map((index) => {
      const site = this.linker.summary(ref.file)!.calls[index]!;
      return { site, index, file: ref.file, callee: this.linker.resolveCallee(ref.file, site) };
    });
    byFunction.set(ref.fn, calls);
    return calls;
  }

  private readonly sitesByFile = new Map<string, Map<number, number[]>>();

  /** A file's call sites grouped by enclosing function, once per file (not a scan per function). */
  private sitesByFunction(file: string): Map<number, number[]> {
    let grouped = this.sitesByFile.get(file);
    if (grouped) return grouped;
    grouped = new Map();
    this.linker.summary(file)?.calls.forEach((site, index) => {
      const list = grouped!.get(site.fn);
      if (list) list.push(index);
      else grouped!.set(site.fn, [index]);
    });
    this.sitesByFile.set(file, grouped);
    return grouped;
  }

  /** Functions declared inside `ref` (callbacks, inner helpers): they run as part of it when called there. */
  nestedIn(ref: FunctionRef): FunctionRef[] {
    let byParent = this.childrenByFile.get(ref.file);
    if (!byParent) {
      byParent = new Map();
      this.linker.summary(ref.file)?.functions.forEach((info, index) => {
        const list = byParent!.get(info.parent);
        if (list) list.push(index);
        else byParent!.set(info.parent, [index]);
      });
      this.childrenByFile.set(ref.file, byParent);
    }
    return (byParent.get(ref.fn) ?? []).map((fn) => ({ file: ref.file, fn }));
  }

  private readonly childrenByFile = new Map<string, Map<number, number[]>>();

  /**
   * The package a call goes to and the path taken on it, calls and `new` left out
   * (`jwt.sign(…)` is `jsonwebtoken` + `sign`; `JwtModule.register(…)` is `@nestjs/jwt` + `JwtModule`, `register`).
   */
  static external(call: ResolvedCall): ExternalTarget | null {
    const entity = call.callee?.entity;
    if (entity?.kind !== 'external') return null;
    // Several rules ask about every call of the program (secrets, tokens, shutdown): the steps are
    // built once per call, not once per ask, and kept on the call itself (a WeakMap lookup cost more
    // than building them again: 78 against 59 ms for 8 asks of 100,000 calls, against 32 ms here).
    call.externalTarget ??= { module: entity.module, steps: [...entity.path, ...call.callee!.rest].filter((step) => step !== '()' && step !== 'new') };
    return call.externalTarget;
  }

  /** The functions a call may land in: a resolved project function. */
  static target(call: ResolvedCall): FunctionRef | null {
    const entity = call.callee?.entity;
    return entity?.kind === 'function' && !call.callee!.rest.length ? { file: entity.file, fn: entity.fn } : null;
  }

  /**
   * Every function reachable from `start` through calls (and callbacks declared inside the functions
   * on the way), each with the shortest path of calls that gets there, `depth` calls deep at most.
   */
  reachableFrom(start: FunctionRef, depth = DEFAULT_DEPTH): Map<FunctionKey, { ref: FunctionRef; path: PathStep[] }> {
    // Every rule on request paths asks this for every handler: computed once per run.
    const memoKey = `${keyOf(start)}@${depth}`;
    const known = this.reachMemo.get(memoKey);
    if (known) return known;
    const reach = this.computeReach(start, depth);
    this.reachMemo.set(memoKey, reach);
    return reach;
  }

  private readonly reachMemo = new Map<string, Map<FunctionKey, { ref: FunctionRef; path: PathStep[] }>>();

  private computeReach(start: FunctionRef, depth: number): Map<FunctionKey, { ref: FunctionRef; path: PathStep[] }> {
    const seen = new Map<FunctionKey, { ref: FunctionRef; path: PathStep[] }>([[keyOf(start), { ref: start, path: [] }]]);
    let frontier: { ref: FunctionRef; path: PathStep[] }[] = [{ ref: start, path: [] }];
    const visitNested = (entry: { ref: FunctionRef; path: PathStep[] }, into: { ref: FunctionRef; path: PathStep[] }[]) => {
      for (const nested of this.nestedIn(entry.ref)) {
        const key = keyOf(nested);
        if (seen.has(key)) continue;
        const next = { ref: nested, path: entry.path };
        seen.set(key, next);
        into.push(next);
        visitNested(next, into);
      }
    };
    const initial: { ref: FunctionRef; path: PathStep[] }[] = [];
    visitNested(frontier[0]!, initial);
    frontier.push(...initial);
    for (let level = 0; level < depth && frontier.length; level++) {
      const next: { ref: FunctionRef; path: PathStep[] }[] = [];
      for (const entry of frontier) {
        for (const call of this.callsIn(entry.ref)) {
          const target = CallGraph.target(call);
          if (!target) continue;
          const key = keyOf(target);
          if (seen.has(key)) continue;
          const reached = { ref: target, path: [...entry.path, { call, into: target }] };
          seen.set(key, reached);
          next.push(reached);
          visitNested(reached, next);
        }
      }
      frontier = next;
    }
    return seen;
  }
}
