import { DataAccessModel } from '../../program/data/model.js';
import { builderPagingOf, pagingOf, queryText, sqlOffsetWithoutOrder, type Paging } from '../../program/data/paging.js';
import type { ResolvedCall } from '../../program/call-graph.js';
import type { ProgramModels } from '../../program/models.js';
import type { Rule } from '../types.js';

/** The SQL a raw query runs, as far as the program holds it: a literal, a constant, a template's head. */
function sqlOf(models: ProgramModels, call: ResolvedCall): string | null {
  const first = call.site.args?.[0];
  if (!first) return null;
  const resolved = models.linker.resolveValue(call.file, first)?.entity;
  if (resolved?.kind !== 'value') return null;
  if (resolved.value.kind === 'string') return resolved.value.value;
  if (resolved.value.kind === 'text') return resolved.value.head;
  // `pool.query({ text, values })`
  if (resolved.value.kind === 'object' && resolved.value.properties.text) {
    const text = models.linker.resolveValue(call.file, resolved.value.properties.text)?.entity;
    if (text?.kind === 'value' && (text.value.kind === 'string' || text.value.kind === 'text')) return text.value.kind === 'string' ? text.value.value : text.value.head;
  }
  return null;
}

/** `skip` with no `orderBy`, in the library's words, or null when the call pages with an order or cannot be read. */
function unordered(models: ProgramModels, call: ResolvedCall): { what: string; library: string } | null {
  const query = DataAccessModel.queryOf(call);
  const chain = call.site.chain ?? [];
  let paging: Paging | null = null;
  let library = query?.library;
  if (query?.kind === 'raw') {
    const sql = sqlOf(models, call);
    return sql && sqlOffsetWithoutOrder(sql) ? { what: 'SQL with `OFFSET` and no `ORDER BY`', library: query.library } : null;
  }
  if (query) paging = pagingOf(query, call.site.args ?? [], chain);
  else if (call.callee?.entity.kind === 'external' && !call.callee.rest.length) {
    paging = builderPagingOf(call.callee.entity.module, call.callee.entity.path, chain);
    library = call.callee.entity.module;
  }
  if (!paging || !paging.offset || paging.order !== 'missing' || !library) return null;
  return { what: `${paging.offsetWord} with no ${paging.orderWord}`, library };
}

export const offsetWithoutOrder: Rule = {
  meta: {
    id: 'offset-without-order',
    category: 'persistence',
    severity: 'warn',
    title: 'No offset pagination without a stable order',
    why: 'Without ORDER BY a database returns rows in whatever order its plan produces, which changes with updates, vacuum and parallel scans; an offset into that order makes pages overlap and skip rows, so clients see duplicates and miss records.',
    fix: 'Order every paged read by a unique, stable key (`orderBy: { id: "asc" }`, or the sort column followed by the id), or switch to keyset pagination (`where id > :after order by id limit :n`).',
    models: ['program', 'data'],
  },
  check({ models, report }) {
    for (const file of models.programFiles) {
      const functions = models.linker.summary(file)?.functions ?? [];
      for (let fn = -1; fn < functions.length; fn++) {
        for (const call of models.calls.callsIn({ file, fn })) {
          const found = unordered(models, call);
          if (!found) continue;
          const text = queryText(call.site);
          report({
            file,
            line: call.site.line,
            column: call.site.column,
            message: `\`${text}\` (${found.library}) pages with ${found.what}: rows come back in no stable order, so pages overlap and skip rows.`,
            anchor: `${call.site.text}:${found.what}`,
          });
        }
      }
    }
  },
};
