import type { FileAnalysis } from '../project/file-analysis.js';
import type { DependencyGraph } from '../types.js';
import type { CallSite, ClassInfo, Origin, ProgramSummary, Ref, Value } from './summary.js';

/**
 * What a name or expression stands for once followed across files. `external` covers packages,
 * Node built-ins and globals; its path records members and, as `()` and `new`, calls made on the
 * way (`express.Router()` is `express` + `Router`, `()`), which is what adapters match on.
 */
export type Entity =
  | { kind: 'function'; file: string; fn: number }
  | { kind: 'class'; file: string; cls: number }
  | { kind: 'instance'; file: string; cls: number }
  | { kind: 'external'; module: string; path: string[] }
  /** A module's namespace (`import * as users`, a `require` of a file without `module.exports =`). */
  | { kind: 'module'; file: string }
  /** A value the program holds: an object literal, a string, the result of a call into the project. */
  | { kind: 'value'; file: string; value: Value };

/** An entity and where it was made: the variable that holds it (`routes.ts:v3`), which tells two routers apart. */
export interface Resolved {
  entity: Entity;
  /** Members still to follow that the entity could not take (a method of an unknown object). */
  rest: string[];
  holder?: string;
}

const MAX_STEPS = 24;

function normaliseModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/**
 * Symbol linking over every file's program summary: an import to the declaration it names, through
 * barrels, aliases, default exports and `module.exports`; a member chain through class fields typed
 * by constructor parameters; variables through what they were initialised with.
 */
export class ProgramLinker {
  /** file → specifier → what it names, computed once per (file, specifier): every lookup is two map reads. */
  private readonly targets = new Map<string, Map<string, { file: string } | { module: string }>>();

  constructor(
    private readonly files: ReadonlyMap<string, FileAnalysis>,
    graph: DependencyGraph,
  ) {
    for (const edge of graph.edges) {
      let bySpecifier = this.targets.get(edge.from);
      if (!bySpecifier) this.targets.set(edge.from, (bySpecifier = new Map()));
      const external = edge.to.startsWith('npm:') || edge.to.startsWith('node:');
      bySpecifier.set(edge.specifier, external ? { module: normaliseModule(edge.specifier) } : { file: edge.to });
    }
  }

  /** The packages and built-ins `file` imports (by the names the linker gives them). */
  importedModules(file: string): readonly string[] {
    // Asked for every file by every adapter that looks for its package: listed once per file.
    const known = this.modulesMemo.get(file);
    if (known) return known;
    const modules: string[] = [];
    for (const target of this.targets.get(file)?.values() ?? []) if ('module' in target) modules.push(target.module);
    this.modulesMemo.set(file, modules);
    return modules;
  }

  private readonly modulesMemo = new Map<string, readonly string[]>();

  /** Whether `file` imports the package (or a subpath of it): where an adapter's objects can be made. */
  importsPackage(file: string, name: string): boolean {
    return this.importedModules(file).some((module) => module === name || module.startsWith(`${name}/`));
  }

  summary(file: string): ProgramSummary | undefined {
    return this.files.get(file)?.program;
  }

  /** The module an import specifier of `file` names: a source file, or a package/built-in name. */
  private target(file: string, specifier: string): { file: string } | { module: string } | null {
    return this.targets.get(file)?.get(specifier) ?? null;
  }

  /** file → exported name → what it is (null: nothing, or being resolved: an export cycle ends there). */
  private readonly exportMemo = new Map<string, Map<string, Resolved | null>>();

  /** What a file exports under `name` (`*` for the whole of a CommonJS module), re-exports followed; memoised per run. */
  resolveExport(file: string, name: string, steps = 0): Resolved | null {
    if (steps > MAX_STEPS) return null;
    let byName = this.exportMemo.get(file);
    if (!byName) this.exportMemo.set(file, (byName = new Map()));
    const known = byName.get(name);
    if (known !== undefined) return known;
    // Marked before resolving, so an export cycle (a barrel re-exporting itself) ends instead of recursing.
    byName.set(name, null);
    const resolved = this.resolveExportUncached(file, name, steps);
    byName.set(name, resolved);
    return resolved;
  }

  private resolveExportUncached(file: string, name: string, steps: number): Resolved | null {
    const analysis = this.files.get(file);
    const summary = analysis?.program;
    if (!analysis) return null;
    const direct = summary?.exports[name] ?? (name === 'default' ? summary?.exports['*'] : undefined);
    if (direct) return this.resolveValue(file, direct, steps + 1);
    // `module.exports = { create, list }` (or `= controller`): a named import takes that member.
    const whole = name !== '*' ? summary?.exports['*'] : undefined;
    if (whole) {
      const base = this.resolveValue(file, whole, steps + 1);
      if (base) return this.follow(base, [name], steps + 1);
    }
    if (name === '*') return { entity: { kind: 'module', file }, rest: [] };
    for (const entry of analysis.imports) {
      for (const reExport of entry.reExports ?? []) {
        if (reExport.exported !== name && reExport.exported !== '*') continue;
        const target = this.target(file, entry.specifier);
        if (!target) continue;
        const imported = reExport.exported === '*' ? name : reExport.imported;
        if ('module' in target) return { entity: { kind: 'external', module: target.module, path: imported === 'default' || imported === '*' ? [] : [imported] }, rest: [] };
        // A barrel of barrels (`export * from` a hundred times): only the modules that can export
        // the name are searched, instead of every one of them for every name.
        if (reExport.exported === '*' && !this.mayExport(target.file, name)) continue;
        const found = this.resolveExport(target.file, imported, steps + 1);
        if (found) return found;
      }
    }
    return null;
  }

  /** file → every name it may export, re-exports followed; `any` when that cannot be bounded (CommonJS, a package, a cycle). */
  private readonly exportNames = new Map<string, ReadonlySet<string> | 'any'>();

  /** Whether `resolveExport(file, name)` can find anything: false only when it certainly finds nothing. */
  private mayExport(file: string, name: string): boolean {
    if (!this.files.has(file)) return false;
    if (name === '*') return true;
    const names = this.namesExportedBy(file);
    return names === 'any' || names.has(name);
  }

  private namesExportedBy(file: string): ReadonlySet<string> | 'any' {
    const known = this.exportNames.get(file);
    if (known) return known;
    // Marked before following, so a cycle of `export *` reads as unbounded rather than as nothing.
    this.exportNames.set(file, 'any');
    const names = this.computeExportedNames(file);
    this.exportNames.set(file, names);
    return names;
  }

  private computeExportedNames(file: string): ReadonlySet<string> | 'any' {
    const analysis = this.files.get(file);
    if (!analysis) return new Set();
    const exports = analysis.program?.exports;
    // `module.exports = …`: any member of it may be asked for.
    if (exports?.['*']) return 'any';
    const names = new Set(Object.keys(exports ?? {}));
    for (const entry of analysis.imports) {
      for (const reExport of entry.reExports ?? []) {
        const target = this.target(file, entry.specifier);
        if (!target) continue;
        if (reExport.exported !== '*') {
          names.add(reExport.exported);
          continue;
        }
        if ('module' in target) return 'any';
        const inner = this.namesExportedBy(target.file);
        if (inner === 'any') return 'any';
        for (const inherited of inner) names.add(inherited);
      }
    }
    return names;
  }

  /** What a module `file` imports exports under `name`, as written there (`catchAsync(async …)`): for adapters that need the expression, not what it resolves to. */
  exportedValue(file: string, specifier: string, name: string): { file: string; value: Value } | null {
    const target = this.target(file, specifier);
    if (!target || 'module' in target) return null;
    const value = this.summary(target.file)?.exports[name];
    return value ? { file: target.file, value } : null;
  }

  /** The text a value holds when the program says: a literal, or a constant reached through imports and object members. */
  stringOf(file: string, value: Value | undefined): string | null {
    if (!value) return null;
    if (value.kind === 'string') return value.value;
    if (value.kind !== 'ref') return null;
    const resolved = this.resolveValue(file, value);
    return resolved?.entity.kind === 'value' && !resolved.rest.length && resolved.entity.value.kind === 'string' ? resolved.entity.value.value : null;
  }

  /**
   * Answers by call site (a site belongs to one file): the call graph and the HTTP and data models
   * each ask about the same sites, half of novu's 24 thousand questions were repeats.
   */
  private readonly calleeMemo = new WeakMap<CallSite, Resolved | null>();

  /** What a call site calls: its named callee, or the value its callee expression evaluates to. */
  resolveCallee(file: string, site: CallSite): Resolved | null {
    let resolved = this.calleeMemo.get(site);
    if (resolved === undefined) {
      resolved = site.callee ? this.resolveRef(file, site.callee) : site.calleeValue ? this.resolveValue(file, site.calleeValue) : null;
      this.calleeMemo.set(site, resolved);
    }
    return resolved;
  }

  resolveRef(file: string, ref: Ref, steps = 0): Resolved | null {
    const base = this.resolveOrigin(file, ref.root, steps);
    return base ? this.follow(base, ref.path, steps) : null;
  }

  resolveValue(file: string, value: Value, steps = 0): Resolved | null {
    if (steps > MAX_STEPS) return null;
    switch (value.kind) {
      case 'ref':
        return this.resolveRef(file, value.ref, steps + 1);
      case 'function':
        return { entity: { kind: 'function', file, fn: value.fn }, rest: [] };
      case 'call':
      case 'new': {
        const call = this.summary(file)?.calls[value.call];
        if (!call) return null;
        const callee = call.callee ? this.resolveRef(file, call.callee, steps + 1) : call.calleeValue ? this.resolveValue(file, call.calleeValue, steps + 1) : null;
        if (!callee || callee.rest.length) return null;
        return this.made(callee, value.kind === 'new' ? 'new' : '()', file, call.args?.[0], steps + 1);
      }
      default:
        return { entity: { kind: 'value', file, value }, rest: [] };
    }
  }

  /** What calling or constructing an entity gives. */
  private made(callee: Resolved, how: '()' | 'new', file: string, firstArg: Value | undefined, steps: number): Resolved | null {
    const entity = callee.entity;
    if (entity.kind === 'external') {
      // `require('x')` is the module itself.
      if (entity.module === '<global>' && entity.path.length === 1 && entity.path[0] === 'require' && firstArg?.kind === 'string') {
        const target = this.target(file, firstArg.value);
        if (!target) return null;
        return 'module' in target ? { entity: { kind: 'external', module: target.module, path: [] }, rest: [] } : this.resolveExport(target.file, '*');
      }
      return { entity: { kind: 'external', module: entity.module, path: [...entity.path, how] }, rest: [] };
    }
    if (entity.kind === 'class' && how === 'new') return { entity: { kind: 'instance', file: entity.file, cls: entity.cls }, rest: [] };
    if (entity.kind === 'function' && how === '()') {
      // A factory: what it returns (a handler, a router it built).
      const returned = this.summary(entity.file)?.functions[entity.fn]?.returns;
      return returned ? this.resolveValue(entity.file, returned, steps + 1) : null;
    }
    return null;
  }

  private resolveOrigin(file: string, origin: Origin, steps: number): Resolved | null {
    if (steps > MAX_STEPS) return null;
    switch (origin.kind) {
      case 'import': {
        const target = this.target(file, origin.specifier);
        if (!target) return null;
        if ('module' in target) return { entity: { kind: 'external', module: target.module, path: origin.name === 'default' || origin.name === '*' ? [] : [origin.name] }, rest: [] };
        return this.resolveExport(target.file, origin.name, steps + 1);
      }
      case 'function':
        return { entity: { kind: 'function', file, fn: origin.fn }, rest: [] };
      case 'class':
        return { entity: { kind: 'class', file, cls: origin.cls }, rest: [] };
      case 'this':
        return { entity: { kind: 'instance', file, cls: origin.cls }, rest: [] };
      case 'param': {
        if (!origin.type) return null;
        return this.instanceOfType(file, origin.type, steps);
      }
      case 'variable': {
        const value = this.summary(file)?.variables[origin.id]?.value;
        if (!value) return null;
        const resolved = this.resolveValue(file, value, steps + 1);
        return resolved ? { ...resolved, holder: resolved.holder ?? `${file}:v${origin.id}` } : null;
      }
      case 'global':
        return { entity: { kind: 'external', module: '<global>', path: [origin.name] }, rest: [] };
      case 'caught':
        return null;
    }
  }

  /** A declared type as the thing a value of that type is: a class's instance, a package type's instance. */
  private instanceOf(type: Resolved): Resolved | null {
    if (type.rest.length) return null;
    if (type.entity.kind === 'class') {
      // An abstract port: what runs is its implementation, when the project has exactly one.
      const info = this.summary(type.entity.file)?.classes[type.entity.cls];
      const implementation = info?.abstract ? this.soleImplementation(info.name) : null;
      return { entity: { kind: 'instance', ...(implementation ?? { file: type.entity.file, cls: type.entity.cls }) }, rest: [] };
    }
    if (type.entity.kind === 'external') return { entity: { kind: 'external', module: type.entity.module, path: [...type.entity.path, 'new'] }, rest: [] };
    return null;
  }

  /**
   * A value of a declared type. A type the linker cannot resolve to code is an interface (or a type
   * alias): a port, whose implementation is the one class of the project that says it implements a
   * type of that name. Two or more candidates, or none: unresolved, and the rules stay quiet.
   */
  private instanceOfType(file: string, type: Ref, steps: number): Resolved | null {
    const resolved = this.resolveRef(file, type, steps + 1);
    if (resolved) return this.instanceOf(resolved);
    if (type.path.length) return null;
    const name = type.root.kind === 'import' || type.root.kind === 'global' || type.root.kind === 'variable' ? type.root.name : null;
    const implementation = name && name !== 'default' && name !== '*' ? this.soleImplementation(name) : null;
    return implementation ? { entity: { kind: 'instance', ...implementation }, rest: [] } : null;
  }

  private implementations: Map<string, { file: string; cls: number }[]> | null = null;

  /** The one class implementing (or extending, for an abstract class) a port named `name`, or null. */
  private soleImplementation(name: string): { file: string; cls: number } | null {
    if (!this.implementations) {
      this.implementations = new Map();
      for (const [file, analysis] of this.files) {
        analysis.program?.classes.forEach((info, cls) => {
          if (info.abstract) return;
          const ports = [...(info.implements ?? []), ...(info.superClass ? [info.superClass] : [])];
          for (const port of ports) {
            const portName = port.path.at(-1) ?? (port.root.kind === 'import' ? port.root.name : port.root.kind === 'global' || port.root.kind === 'variable' ? port.root.name : port.root.kind === 'class' ? (analysis.program!.classes[port.root.cls]?.name ?? '') : '');
            if (!portName) continue;
            const list = this.implementations!.get(portName) ?? [];
            list.push({ file, cls });
            this.implementations!.set(portName, list);
          }
        });
      }
    }
    const candidates = this.implementations.get(name) ?? [];
    return candidates.length === 1 ? candidates[0]! : null;
  }

  /** Follows a member path from a resolved base as far as the program says. */
  private follow(base: Resolved, path: readonly string[], steps: number): Resolved | null {
    let current = base;
    for (let index = 0; index < path.length; index++) {
      const member = path[index]!;
      if (current.rest.length) return { ...current, rest: [...current.rest, ...path.slice(index)] };
      const entity = current.entity;
      if (entity.kind === 'external') {
        current = { ...current, entity: { ...entity, path: [...entity.path, member] } };
        continue;
      }
      const next = this.member(entity, member, steps);
      if (!next) return { ...current, rest: path.slice(index) };
      current = next;
    }
    return current;
  }

  private member(entity: Entity, member: string, steps: number): Resolved | null {
    if (steps > MAX_STEPS) return null;
    if (entity.kind === 'instance' || entity.kind === 'class') {
      for (let owner: { file: string; cls: number } | null = entity, depth = 0; owner && depth < 8; depth++) {
        const info: ClassInfo | undefined = this.summary(owner.file)?.classes[owner.cls];
        if (!info) return null;
        const method = info.methods[member];
        if (method !== undefined) return { entity: { kind: 'function', file: owner.file, fn: method }, rest: [] };
        if (entity.kind === 'instance') {
          const type = info.members[member];
          if (type) return this.instanceOfType(owner.file, type, steps);
          const field = info.fieldValues[member];
          if (field) return this.resolveValue(owner.file, field, steps + 1);
        }
        const parent: Resolved | null = info.superClass ? this.resolveRef(owner.file, info.superClass, steps + 1) : null;
        // `class PrismaService extends PrismaClient`, `class User extends Model`: members come from the package.
        if (parent?.entity.kind === 'external' && !parent.rest.length) {
          const made = entity.kind === 'instance' ? [...parent.entity.path, 'new'] : parent.entity.path;
          return { entity: { kind: 'external', module: parent.entity.module, path: [...made, member] }, rest: [] };
        }
        owner = parent?.entity.kind === 'class' && !parent.rest.length ? { file: parent.entity.file, cls: parent.entity.cls } : null;
      }
      return null;
    }
    if (entity.kind === 'module') return this.resolveExport(entity.file, member, steps + 1);
    if (entity.kind === 'value' && entity.value.kind === 'object') {
      const property = entity.value.properties[member];
      return property ? this.resolveValue(entity.file, property, steps + 1) : null;
    }
    return null;
  }
}
