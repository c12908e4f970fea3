import type { ResolvedCall } from '../call-graph.js';
import { DataAccessModel } from './model.js';
import { pagingOf, scopedToOwner, selectsByKey, type Paging } from './paging.js';

/**
 * Tables that hold a fixed, small set of rows (roles, statuses, countries): reading them whole is the
 * point. Named by the model, the repository or the table the call reads. Admin-curated lists
 * (platforms, providers, tags) and method tables (delivery or payment methods) count too.
 */
const LOOKUP_TABLE = /(role|permission|propert(y|ie)|status|statuse|type|kind|categor(y|ie)|countr(y|ie)|currenc(y|ie)|language|locale|timezone|setting|config|configuration|enum|lookup|plan|tier|feature|flag|platform|provider|tag|method)s?$/i;

/** `prisma.role.findMany` → `role`; `this.roleRepository.find` → `role`; `db('roles')` → `roles`. */
export function readsFrom(call: ResolvedCall): string {
  const table = call.site.args?.[0];
  if (call.site.text.match(/^\w+$/) && table?.kind === 'string') return table.value;
  const owner = call.site.text.split('.').at(-2) ?? '';
  return owner.replace(/(Repository|Repo|Model|Collection|Table|Service)$/i, '');
}

export interface UnboundedRead {
  paging: Paging;
  library: string;
  operation: string;
}

/**
 * A list read that returns every matching row: no limit, not streamed, not by a key or a list of keys,
 * not scoped to one owner or parent, not of a lookup table (nor of a table in `smallTables`, names the
 * team knows stay small). What unbounded-query reports, and what event-loop-blocking-json calls an
 * unbounded payload. Null for anything else, or when the options cannot be read.
 */
export function unboundedRead(call: ResolvedCall, smallTables: readonly string[] = []): UnboundedRead | null {
  const query = DataAccessModel.queryOf(call);
  if (!query) return null;
  const paging = pagingOf(query, call.site.args ?? [], call.site.chain ?? []);
  if (!paging || paging.limit !== 'missing' || paging.streamed || selectsByKey(paging) || scopedToOwner(paging)) return null;
  const table = readsFrom(call);
  if (LOOKUP_TABLE.test(table) || smallTables.some((name) => name.toLowerCase() === table.toLowerCase())) return null;
  return { paging, library: query.library, operation: query.operation };
}
