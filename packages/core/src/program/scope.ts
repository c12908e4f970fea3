import type { Origin } from './summary.js';

/**
 * A lexical scope: the names declared in it and the scope around it. Lookups walk outwards, so an
 * inner declaration shadows an outer one and an import only answers where nothing nearer is named.
 */
export class Scope {
  private readonly bindings = new Map<string, Origin>();

  constructor(
    readonly parent: Scope | null,
    /** Function bodies and the module: where `var` and function declarations land. */
    readonly holdsVars: boolean,
  ) {}

  declare(name: string, origin: Origin): void {
    this.bindings.set(name, origin);
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
}
