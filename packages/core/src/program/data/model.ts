import type { CallGraph, FunctionRef, ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { CallSite, Value } from '../summary.js';
import { clientOf, isDataAccessModule, isTransactionCall, queryOf, type ClientMatch, type QueryMatch } from './adapters.js';

export interface Query extends QueryMatch {
  call: ResolvedCall;
  /** For raw SQL: how the statement text is built, from the call's first argument. */
  sql?: SqlText;
}

/**
 * How a raw statement is built: a `literal` (constant text), `tagged` (a tagged template: the tag binds
 * the substitutions), `spliced` (a template literal or concatenation with values pasted into the
 * text), or `unknown` (a variable or a call the model cannot follow).
 */
export interface SqlText {
  built: 'literal' | 'tagged' | 'spliced' | 'unknown';
  /** The text as far as it is known: the whole literal, or what comes before the first substitution. */
  text: string;
}

function sqlTextOf(value: Value | undefined): SqlText {
  if (value?.kind === 'string') return { built: 'literal', text: value.value };
  if (value?.kind === 'tagged') return { built: 'tagged', text: value.head };
  if (value?.kind === 'text') return { built: value.dynamic ? 'spliced' : 'literal', text: value.head };
  return { built: 'unknown', text: '' };
}

export interface Client extends ClientMatch {
  file: string;
  site: CallSite;
}

/**
 * The data-access model: which calls are database queries (and of what kind), and where database
 * clients and pools are created with which options. Built from the linker's view of each call.
 */
export class DataAccessModel {
  private memo: Client[] | null = null;

  constructor(
    private readonly files: readonly string[],
    private readonly linker: ProgramLinker,
    private readonly calls: CallGraph,
  ) {}

  /** The query a resolved call makes, or null when it is not one. */
  static queryOf(call: ResolvedCall): Query | null {
    const entity = call.callee?.entity;
    if (entity?.kind !== 'external' || call.callee!.rest.length) return null;
    const match = queryOf(entity.module, entity.path, call.site.chain?.map((link) => link.name));
    if (!match) return null;
    return match.kind === 'raw' ? { ...match, call, sql: sqlTextOf(call.site.args?.[0]) } : { ...match, call };
  }

  /** The queries made directly in a function (not in functions it calls). */
  queriesIn(fn: FunctionRef): Query[] {
    return this.calls.callsIn(fn).flatMap((call) => DataAccessModel.queryOf(call) ?? []);
  }

  /** Every client or pool constructed in the project. */
  clients(): Client[] {
    if (this.memo) return this.memo;
    const found: Client[] = [];
    for (const file of this.files) {
      // A client is constructed where its package is imported.
      if (!this.linker.importedModules(file).some(isDataAccessModule)) continue;
      for (const site of this.linker.summary(file)?.calls ?? []) {
        if (!site.callee) continue;
        const resolved = this.linker.resolveRef(file, site.callee);
        if (resolved?.entity.kind !== 'external' || resolved.rest.length) continue;
        const made = [...resolved.entity.path, site.construct ? 'new' : '()'];
        const match = clientOf(resolved.entity.module, made);
        if (match) found.push({ ...match, file, site });
      }
    }
    this.memo = found;
    return found;
  }

  /**
   * The transaction a function runs inside: the `$transaction`/`transaction`/`transactional` call whose
   * callback is the function or one it is nested in (`prisma.$transaction(async (tx) => …)`), or null.
   */
  transactionAround(fn: FunctionRef): CallSite | null {
    const summary = this.linker.summary(fn.file);
    if (!summary) return null;
    for (let current = fn.fn; current >= 0; current = summary.functions[current]?.parent ?? -1) {
      for (const site of summary.calls) {
        if (!site.args?.some((arg) => arg.kind === 'function' && arg.fn === current)) continue;
        const callee = this.linker.resolveCallee(fn.file, site);
        if (callee?.entity.kind === 'external' && !callee.rest.length && isTransactionCall(callee.entity.module, callee.entity.path)) return site;
      }
    }
    return null;
  }
}
