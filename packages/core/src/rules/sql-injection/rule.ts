import type { ResolvedCall } from '../../program/call-graph.js';
import { DataAccessModel, type Query } from '../../program/data/model.js';
import { classifiedCallsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import { requestTaint } from '../../program/taint.js';
import type { Rule } from '../types.js';

/** A raw statement whose text the code builds (not a literal, not a tagged template that binds its values). */
function builtRawQuery(call: ResolvedCall): Query | null {
  const query = DataAccessModel.queryOf(call);
  if (query?.kind !== 'raw') return null;
  const sql = call.site.args?.[0];
  return sql && sql.kind !== 'string' && sql.kind !== 'tagged' ? query : null;
}

export const sqlInjection: Rule = {
  meta: {
    id: 'sql-injection',
    category: 'security',
    severity: 'error',
    title: 'Request data reaches SQL as bound parameters, never as statement text',
    why: 'A value spliced into the text of a statement is parsed as SQL: a quote in it ends the string and the rest rewrites the query, so a client can read every table, bypass a login (`\' OR 1=1 --`), or change and delete data, with the service\'s database rights.',
    fix: 'Pass values as bound parameters (`$1`/`?` placeholders with a values array, Sequelize `replacements`/`bind`, Knex `raw(sql, bindings)`), use a tagged template that binds them (`prisma.$queryRaw`, `sql` of postgres/slonik/drizzle), or the query builder; for identifiers (a sort column), map the input to an allow-list.',
    models: ['program', 'http', 'data'],
  },
  check({ models, report }) {
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, builtRawQuery)) {
      const source = requestTaint(entry.call.file, entry.call.site.args?.[0], entry.path, models.calls, models.linker);
      if (!source) continue;
      const query = entry.match;
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${entry.call.site.text}\` (${query.library} ${query.operation}) runs SQL with \`${source.text}\` spliced into its text while serving ${routeSuffix(entry)}: a quote in the value rewrites the statement.`,
        anchor: `${query.library}:${entry.call.site.text}:${source.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
