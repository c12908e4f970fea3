import type { CallGraph, FunctionRef, ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { CallSite } from '../summary.js';
import { clientOf, queryOf, type ClientMatch, type QueryMatch } from './adapters.js';

export interface Query extends QueryMatch {
  call: ResolvedCall;
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
    const match = queryOf(entity.module, entity.path);
    return match ? { ...match, call } : null;
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
}
