import type { Origin, Ref } from './summary.js';

/**
 * A lexical scope: the names declared in it and the scope around it. Lookups walk outwards, so an
 * inner declaration shadows an outer one and an import only answers where nothing nearer is named.
 */
export class Scope {
  private readonly bindings = new Map<string, Origin>();
  /** For names a destructuring pattern binds to a part of a parameter: the member path (`{ items }` is `param.items`). */
  private readonly prefixes = new Map<string, string[]>();

  constructor(
    readonly parent: Scope | null,
    /** Function bodies and the module: where `var` and function declarations land. */
    readonly holdsVars: boolean,
  ) {}

  declare(name: string, origin: Origin, prefix?: readonly string[]): void {
    this.bindings.set(name, origin);
    if (prefix?.length) this.prefixes.set(name, [...prefix]);
    else this.prefixes.delete(name);
  }

  /** The nearest scope that holds `var` declarations. */
  varScope(): Scope {
    let scope: Scope = this;
    while (!scope.holdsVars && scope.parent) scope = scope.parent;
    return scope;
  }

  lookup(name: string): Origin | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const origin = scope.bindings.get(name);
      if (origin) return origin;
    }
    return undefined;
  }

  /** What a name refers to as a member chain: its origin, and the path a destructured parameter binds it at. */
  lookupRef(name: string): Ref | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const origin = scope.bindings.get(name);
      if (origin) return { root: origin, path: [...(scope.prefixes.get(name) ?? [])] };
    }
    return undefined;
  }
}
