import { CallGraph, type FunctionRef, type ResolvedCall } from '../../program/call-graph.js';
import { entityOfQuery, type EntityShape } from '../../program/data/entities.js';
import { DataAccessModel, type Query } from '../../program/data/model.js';
import { responseWrite } from '../../program/http/response.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { ProgramLinker } from '../../program/link.js';
import type { Value } from '../../program/summary.js';
import type { TraceStep } from '../../types.js';
import type { Rule } from '../types.js';

/** Field names that hold credentials or secrets: never part of a response. */
const SENSITIVE = /^(password|passwd|passwordHash|hashedPassword|passwordDigest|hash|salt|secret|token|apiKey|api_key|refreshToken|resetToken|resetPasswordToken|verificationToken|twoFactorSecret|totpSecret|otpSecret|privateKey)$/i;
const MAX_DEPTH = 4;

interface Leak {
  query: Query;
  entity: EntityShape;
  fields: string[];
}

/** The read's projection decides the columns: `select`/`attributes` options, a Mongoose projection argument, `.select(...)`. */
function projected(query: Query): boolean {
  const site = query.call.site;
  const options = site.args?.[0];
  if (options?.kind === 'object' && ['select', 'attributes', 'projection', 'omit'].some((key) => key in options.properties)) return true;
  if (query.library === 'mongoose' && site.args && site.args.length > 1) return true;
  return Boolean(site.chain?.some((step) => step.name === 'select' || step.name === 'project'));
}

/** The read (and its entity's exposed secrets) a response value is, followed through variables, wrapping objects and project functions that return it. */
function leakOf(file: string, value: Value | undefined, linker: ProgramLinker, calls: CallGraph, depth = 0): Leak | null {
  if (!value || depth > MAX_DEPTH) return null;
  const summary = linker.summary(file);
  if (!summary) return null;
  switch (value.kind) {
    case 'ref': {
      if (value.ref.root.kind !== 'variable' || value.ref.path.length) return null;
      return leakOf(file, summary.variables[value.ref.root.id]?.value, linker, calls, depth + 1);
    }
    case 'object':
      for (const property of Object.values(value.properties)) {
        const leak = leakOf(file, property, linker, calls, depth + 1);
        if (leak) return leak;
      }
      return null;
    case 'call': {
      const site = summary.calls[value.call];
      if (!site?.callee) return null;
      const call: ResolvedCall = { site, index: value.call, file, callee: linker.resolveRef(file, site.callee) };
      const query = DataAccessModel.queryOf(call);
      if (query) {
        if ((query.kind !== 'read-one' && query.kind !== 'read-many') || projected(query)) return null;
        const entity = entityOfQuery(call, linker);
        if (!entity || entity.ownSerialisation) return null;
        const fields = [...entity.fields].filter(([name, hidden]) => !hidden && SENSITIVE.test(name)).map(([name]) => name);
        return fields.length ? { query, entity, fields } : null;
      }
      const target = CallGraph.target(call);
      const returned = target ? calls.info(target)?.returns : undefined;
      return target && returned ? leakOf(target.file, returned, linker, calls, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** The handler and the functions declared inside it (callbacks of `.then`, inner helpers). */
function handlerFunctions(handler: FunctionRef, calls: CallGraph): FunctionRef[] {
  const all = [handler];
  for (let index = 0; index < all.length; index++) all.push(...calls.nestedIn(all[index]!));
  return all;
}

export const dtoDomainLeak: Rule = {
  meta: {
    id: 'dto-domain-leak',
    category: 'api',
    severity: 'warn',
    title: 'Responses are mapped from entities, never serialised straight from an ORM read',
    why: 'An entity sent as it was read carries every column to the client: password hashes, salts, reset tokens and secrets included; and the API contract becomes the table layout, so a new column or a renamed one changes the response without anyone deciding it.',
    fix: 'Map the entity to a response DTO that lists the fields the client may see (`toUserResponse(user)`), or select only those columns in the query; at the least exclude the secret fields (`@Exclude()` with the class serializer, `select: false`, a `toJSON` that drops them).',
    models: ['program', 'http', 'data'],
  },
  check({ models, report }) {
    const { linker, calls } = models;
    const seen = new Set<string>();
    const emit = (route: Route, at: { file: string; line: number; column: number }, leak: Leak, how: string) => {
      const key = `${routeLabel(route)}#${leak.query.call.file}#${leak.query.call.index}`;
      if (seen.has(key)) return;
      seen.add(key);
      const fields = leak.fields.map((field) => `\`${field}\``).join(', ');
      const trace: TraceStep[] = [
        { file: route.file, line: route.line, column: route.column, message: `${routeLabel(route)} is handled by ${route.handler ? (calls.info(route.handler)?.name ?? route.handlerName) : route.handlerName}` },
        { file: at.file, line: at.line, column: at.column, message: `${how} the result` },
        { file: leak.query.call.file, line: leak.query.call.site.line, column: leak.query.call.site.column, message: `reads ${leak.entity.name} with ${leak.query.library} ${leak.query.operation}` },
        { file: leak.entity.file, line: leak.entity.line, column: 1, message: `${leak.entity.name} declares ${fields}` },
      ];
      report({
        ...at,
        message: `${routeLabel(route)} ${how} the \`${leak.entity.name}\` entity as read by ${leak.query.library} ${leak.query.operation}, unmapped: its ${fields} field${leak.fields.length === 1 ? '' : 's'} go${leak.fields.length === 1 ? 'es' : ''} to the client.`,
        anchor: `${routeLabel(route)}:${leak.entity.name}:${leak.query.operation}`,
        route: routeLabel(route),
        trace,
      });
    };
    for (const route of models.routes) {
      if (!route.handler) continue;
      const info = calls.info(route.handler);
      if (!info) continue;
      if (route.framework !== 'express' && !info.params.some((param) => param.decorators.some((decorator) => decorator.name === 'Res'))) {
        const leak = leakOf(route.handler.file, info.returns, linker, calls);
        if (leak) emit(route, { file: route.handler.file, line: info.line, column: info.column }, leak, 'returns');
      }
      for (const fn of handlerFunctions(route.handler, calls)) {
        const summary = linker.summary(fn.file);
        if (!summary) continue;
        for (const site of summary.calls) {
          if (site.fn !== fn.fn) continue;
          const write = responseWrite(fn.file, site, summary, linker);
          if (!write) continue;
          const leak = leakOf(fn.file, write.args[0], linker, calls);
          if (leak) emit(route, { file: fn.file, line: site.line, column: site.column }, leak, 'sends');
        }
      }
    }
  },
};
