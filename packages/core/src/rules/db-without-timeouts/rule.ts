import { EMBEDDED_ENGINE, ENGINE_OPTIONS, URL_TIMEOUT } from '../../program/data/adapters.js';
import type { Client } from '../../program/data/model.js';
import type { ProgramModels } from '../../program/models.js';
import type { Value } from '../../program/summary.js';
import type { Rule } from '../types.js';

/** One-off tools (create the database, run migrations) end with their process: no request waits on them. */
const SCRIPT = /(^|\/)(scripts?|bin|tools|cli)\//;

type Read = { kind: 'value'; value: Value; file: string } | { kind: 'unknown' };

/** What a value is once variables and constants are followed (and in which file); `unknown` when the program cannot say. */
function read(models: ProgramModels, file: string, value: Value): Read {
  if (value.kind !== 'ref') return { kind: 'value', value, file };
  const resolved = models.linker.resolveValue(file, value);
  const entity = resolved?.entity;
  // `process.env.DATABASE_URL`: a connection string whose parameters the code does not set.
  if (entity?.kind === 'external' && entity.module === '<global>' && entity.path[0] === 'process' && entity.path[1] === 'env') return { kind: 'value', value: { kind: 'text', dynamic: true, head: '' }, file };
  return resolved?.entity.kind === 'value' && !resolved.rest.length ? { kind: 'value', value: resolved.entity.value, file: resolved.entity.file } : { kind: 'unknown' };
}

/** Whether the options set `path` (`pool.acquire`): `set`, `missing`, or `unknown` when a step cannot be read. */
function lookup(models: ProgramModels, file: string, options: Value, path: readonly string[]): 'set' | 'missing' | 'unknown' {
  let current: Value = options;
  let where = file;
  for (const key of path) {
    const at = read(models, where, current);
    if (at.kind === 'unknown' || at.value.kind === 'other' || at.value.kind === 'call') return 'unknown';
    if (at.value.kind !== 'object') return 'missing';
    const next = at.value.properties[key];
    if (!next) return at.value.spread ? 'unknown' : 'missing';
    current = next;
    where = at.file;
  }
  return 'set';
}

/** A connection string among the arguments or the top-level options that carries a timeout parameter. */
function urlSetsTimeout(models: ProgramModels, client: Client, options: Value | undefined, optionsFile: string): boolean {
  const strings: [Value, string][] = (client.site.args ?? []).map((arg) => [arg, client.file]);
  if (options?.kind === 'object') strings.push(...Object.values(options.properties).map((value): [Value, string] => [value, optionsFile]));
  return strings.some(([value, file]) => {
    const at = read(models, file, value);
    return at.kind === 'value' && ((at.value.kind === 'string' && URL_TIMEOUT.test(at.value.value)) || (at.value.kind === 'text' && URL_TIMEOUT.test(at.value.head)));
  });
}

/** Why the client has no timeout, or null when it has one or the options cannot be read. */
function missingTimeouts(models: ProgramModels, client: Client): string | null {
  const args = client.site.args ?? [];
  const index = client.optionsArg < 0 ? args.length - 1 : client.optionsArg;
  let options = args[index];
  if (client.optionsArg < 0 && options && read(models, client.file, options).kind === 'value') {
    // `new Sequelize(url)`: the last argument is the URL, no options object.
    const last = read(models, client.file, options);
    if (last.kind === 'value' && last.value.kind !== 'object') options = undefined;
  }
  let optionsFile = client.file;
  if (!options && client.optionsElsewhere) return null;
  if (options) {
    const at = read(models, client.file, options);
    if (at.kind === 'unknown' || at.value.kind !== 'object') return null;
    options = at.value;
    optionsFile = at.file;
    const object = at.value;
    const embedded = ENGINE_OPTIONS.some((key) => {
      const engine = object.properties[key] && read(models, optionsFile, object.properties[key]);
      return engine?.kind === 'value' && engine.value.kind === 'string' && EMBEDDED_ENGINE.test(engine.value.value);
    });
    if (embedded) return null;
  }
  if (urlSetsTimeout(models, client, options, optionsFile)) return null;
  if (options) {
    const states = client.timeoutOptions.map((path) => lookup(models, optionsFile, options!, path.split('.')));
    if (states.some((state) => state !== 'missing')) return null;
  }
  return `none of ${client.timeoutOptions.map((path) => `\`${path}\``).join(', ')}`;
}

export const dbWithoutTimeouts: Rule = {
  meta: {
    id: 'db-without-timeouts',
    category: 'persistence',
    severity: 'warn',
    title: 'Database pools and clients bound how long connecting and statements may take',
    why: 'Without a connection or statement timeout, a database that stalls (a lock, a failover, a dropped network path) makes every request wait as long as the client does, which is forever by default: requests pile up, the pool is exhausted and health checks hang with them.',
    fix: 'Set a connection timeout and a statement timeout on the client (pg `connectionTimeoutMillis` and `statement_timeout`, mysql2 `connectTimeout`, Knex `acquireConnectionTimeout`, Sequelize `pool.acquire` and `dialectOptions`, Mongoose `serverSelectionTimeoutMS` and `socketTimeoutMS`), a little above your slowest legitimate query.',
    models: ['program', 'data'],
  },
  check({ models, project, report }) {
    const imported = new Set(project.graph.edges.map((edge) => edge.to));
    for (const client of models.data.clients()) {
      if (SCRIPT.test(client.file)) continue;
      // A DataSource no module imports is the TypeORM CLI's (`--dataSource=src/data-source.ts` for
      // migrations): the running app connects through other options.
      if (client.library === 'typeorm' && client.site.construct && !imported.has(client.file)) continue;
      const missing = missingTimeouts(models, client);
      if (!missing) continue;
      const call = `\`${client.site.construct ? 'new ' : ''}${client.site.text}(…)\` (${client.what})`;
      // The library bounds connecting by default (Mongoose, Sequelize): only a slow statement is
      // unbounded, a notice rather than a warning.
      const bounded = client.defaultBound && client.operationTimeouts;
      report({
        ...(bounded ? { severity: 'info' as const } : {}),
        file: client.file,
        line: client.site.line,
        column: client.site.column,
        message: bounded
          ? `${call} sets no per-operation time limit (${client.operationTimeouts!.map((path) => `\`${path}\``).join(', ')}): a slow query holds its request until it ends; ${client.defaultBound}.`
          : `${call} sets no connection or statement timeout (${missing}): a stalled database holds every request that waits on it.`,
        anchor: `${client.library}:${client.site.text}`,
      });
    }
  },
};
