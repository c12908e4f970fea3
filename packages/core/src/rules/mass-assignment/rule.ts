import type { ResolvedCall } from '../../program/call-graph.js';
import { DataAccessModel, type Query } from '../../program/data/model.js';
import { classifiedCallsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import { nestPipeStripsUnknown } from '../../program/http/validation.js';
import type { Value } from '../../program/summary.js';
import { requestObject } from '../../program/taint.js';
import type { Rule } from '../types.js';

/** Writes that store the fields they are given (not deletes, counters or restores). */
const STORING = /^(create|createMany|insert|insertMany|save|update|updateMany|updateOne|upsert|bulkCreate|findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|replaceOne)$/;
/** Where ORMs that take one options object put the stored fields: Prisma `{ data }`, `upsert({ create, update })`. */
const DATA_KEYS = ['data', 'create', 'update', 'values'];

function storingWrite(call: ResolvedCall): Query | null {
  const query = DataAccessModel.queryOf(call);
  return query?.kind === 'write' && STORING.test(query.operation) ? query : null;
}

/** The values a write call stores: its arguments, and the data keys of an options object. */
function storedValues(args: readonly Value[]): Value[] {
  return args.flatMap((arg) => (arg.kind === 'object' ? [arg, ...DATA_KEYS.flatMap((key) => (arg.properties[key] ? [arg.properties[key]!] : []))] : [arg]));
}

export const massAssignment: Rule = {
  meta: {
    id: 'mass-assignment',
    category: 'security',
    severity: 'error',
    title: 'Writes store chosen fields, not the client\'s whole object',
    why: 'An object passed whole from the request to `create`/`update`/`save` stores every key the client sent, not only the form\'s fields: a client adds `"role": "admin"`, `"isVerified": true`, `"balance": 1e6` or another user\'s `"ownerId"` and the database takes it. Nothing in the code shows the hole, and it opens the day someone adds a column.',
    fix: 'Validate the body with a schema that drops or refuses unknown keys (Zod `.parse`/`.strict()`, Joi, a Fastify schema with `additionalProperties: false`, NestJS `ValidationPipe({ whitelist: true })`) and store a DTO mapped field by field: `User.create({ name: body.name, email: body.email })`.',
    models: ['program', 'http', 'data'],
  },
  check({ models, report }) {
    let nestStrips: ReturnType<typeof nestPipeStripsUnknown> | undefined;
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, storingWrite)) {
      // A validated route (schema, validation middleware, pipe) has its keys checked; Nest pipes only if they strip unknown ones.
      if (entry.route.validation !== null && entry.route.framework !== 'nestjs') continue;
      let source = null;
      for (const value of storedValues(entry.call.site.args ?? [])) {
        source = requestObject(entry.call.file, value, entry.path, models.calls, models.linker);
        if (source) break;
      }
      if (!source) continue;
      if (entry.route.framework === 'nestjs' && (nestStrips ??= nestPipeStripsUnknown(models.programFiles, models.linker)) !== 'no') continue;
      const query = entry.match;
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${entry.call.site.text}\` (${query.library} ${query.operation}) stores \`${source.text}\` whole while serving ${routeSuffix(entry)}: every key the client adds (a role, an owner, a flag) is written too.`,
        anchor: `${query.library}:${entry.call.site.text}:${source.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
