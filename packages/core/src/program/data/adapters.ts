/**
 * What each database library's calls mean, by the path the linker gives them (`@prisma/client`
 * `PrismaClient.new.user.findMany`): one adapter per library. Rules ask the data-access model, never
 * these tables, so a new library is one adapter here.
 */

export type QueryKind = 'read-many' | 'read-one' | 'write' | 'raw' | 'count';

export interface QueryMatch {
  library: string;
  operation: string;
  kind: QueryKind;
}

export interface ClientMatch {
  library: string;
  /** What the client is (`pg Pool`), as a finding names it. */
  what: string;
  /** Option paths (`pool.acquire`, `extra.statement_timeout`) that bound how long a connection or a statement may take. */
  timeoutOptions: readonly string[];
  /** The argument holding the options (index; -1: the last argument), when the constructor takes an object. */
  optionsArg: number;
  /** Without options the client reads its settings elsewhere (`PG*` variables, `ormconfig`): nothing to judge. */
  optionsElsewhere?: true;
  /**
   * What the library bounds by default when no option is set (the MongoDB driver's 30 s server
   * selection, Sequelize's 60 s `pool.acquire`): a stalled database fails requests after that, and
   * only a slow statement is unbounded. Absent when nothing is bounded by default.
   */
  defaultBound?: string;
  /** The options that bound one statement or operation, named when only those are unbounded. */
  operationTimeouts?: readonly string[];
}

/** Option keys naming the database engine, and the embedded engines no network can stall. */
export const ENGINE_OPTIONS = ['dialect', 'type', 'client'] as const;
export const EMBEDDED_ENGINE = /^(sqlite3?|better-sqlite3|sqljs|sql\.js|capacitor|cordova|expo|nativescript|react-native|pglite)$/i;

interface Adapter {
  library: string;
  modules: readonly string[];
  query(path: readonly string[]): QueryMatch | null;
  /** Builders: what the methods chained on the call make of it (`db('users').insert(…)` is a write). */
  refine?(match: QueryMatch, chain: readonly string[]): QueryMatch;
  client?(path: readonly string[]): ClientMatch | null;
}

const READ_MANY = new Set(['find', 'findAll', 'findMany', 'findBy', 'findAndCount', 'findAndCountAll', 'findAndCountBy', 'where', 'select', 'aggregate']);
const READ_ONE = new Set(['findOne', 'findUnique', 'findFirst', 'findById', 'findByPk', 'findOneBy', 'findOneOrFail', 'findUniqueOrThrow', 'findFirstOrThrow', 'exists']);
const WRITE = new Set(['create', 'createMany', 'insert', 'insertMany', 'save', 'update', 'updateMany', 'updateOne', 'upsert', 'delete', 'deleteMany', 'deleteOne', 'destroy', 'remove', 'bulkCreate', 'increment', 'decrement', 'softDelete', 'restore', 'bulkWrite', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove']);
const COUNT = new Set(['count', 'countDocuments', 'estimatedDocumentCount', 'countBy']);

function classify(library: string, operation: string): QueryMatch | null {
  if (READ_MANY.has(operation)) return { library, operation, kind: 'read-many' };
  if (READ_ONE.has(operation)) return { library, operation, kind: 'read-one' };
  if (WRITE.has(operation)) return { library, operation, kind: 'write' };
  if (COUNT.has(operation)) return { library, operation, kind: 'count' };
  return null;
}

const joined = (path: readonly string[]) => path.join('.');

const TYPEORM_TIMEOUTS = ['connectTimeoutMS', 'connectTimeout', 'acquireTimeout', 'extra.statement_timeout', 'extra.query_timeout', 'extra.connectionTimeoutMillis', 'extra.connectTimeout', 'extra.acquireTimeout'];
const MONGOOSE_DEFAULTS = { defaultBound: "the driver gives up selecting a server after 30 s (`serverSelectionTimeoutMS`) and Mongoose buffers commands for 10 s", operationTimeouts: ['socketTimeoutMS', 'maxTimeMS'] } as const;
const SEQUELIZE_DEFAULTS = { defaultBound: 'waiting for a pooled connection gives up after the 60 s `pool.acquire` default', operationTimeouts: ['dialectOptions.statement_timeout', 'dialectOptions.query_timeout'] } as const;
const MONGOOSE_TIMEOUTS = ['serverSelectionTimeoutMS', 'socketTimeoutMS', 'connectTimeoutMS', 'timeoutMS', 'waitQueueTimeoutMS'];
const SEQUELIZE_TIMEOUTS = ['pool.acquire', 'dialectOptions.statement_timeout', 'dialectOptions.query_timeout', 'dialectOptions.connectionTimeoutMillis', 'dialectOptions.connectTimeout', 'dialectOptions.requestTimeout', 'dialectOptions.options.requestTimeout'];

const ADAPTERS: readonly Adapter[] = [
  {
    library: 'prisma',
    modules: ['@prisma/client'],
    // new PrismaClient() → .user.findMany(); $queryRaw / $executeRawUnsafe are raw SQL.
    query(path) {
      const at = path.indexOf('new');
      if (at < 0 || path[at - 1] !== 'PrismaClient') return null;
      const rest = path.slice(at + 1);
      if (rest.length === 1 && /^\$(query|execute)Raw(Unsafe)?$/.test(rest[0]!)) return { library: 'prisma', operation: rest[0]!, kind: 'raw' };
      return rest.length === 2 ? classify('prisma', rest[1]!) : null;
    },
  },
  {
    library: 'typeorm',
    modules: ['typeorm'],
    // Repository<T> injected or typed, dataSource.getRepository(T), the entity manager, query builders.
    query(path) {
      const operation = path.at(-1)!;
      const owner = joined(path.slice(0, -1));
      if (/(^|\.)(Repository|MongoRepository|TreeRepository|EntityManager)\.new$/.test(owner) || /getRepository\.\(\)$/.test(owner) || /(^|\.)manager$/.test(owner)) {
        if (operation === 'query') return { library: 'typeorm', operation, kind: 'raw' };
        return classify('typeorm', operation);
      }
      if (/(DataSource|Connection)\.new$/.test(owner) && operation === 'query') return { library: 'typeorm', operation, kind: 'raw' };
      return null;
    },
    client(path) {
      const what = joined(path);
      if (what !== 'DataSource.new' && what !== 'createConnection.()') return null;
      return { library: 'typeorm', what: 'TypeORM DataSource', timeoutOptions: TYPEORM_TIMEOUTS, optionsArg: 0 };
    },
  },
  {
    library: 'mongoose',
    modules: ['mongoose'],
    // mongoose.model('User', schema).find(), Model<User> injected by Nest.
    query(path) {
      const owner = joined(path.slice(0, -1));
      if (owner === 'model.()' || owner === 'Model.new' || owner === 'default.model.()') return classify('mongoose', path.at(-1)!);
      return null;
    },
    // mongoose.connect(uri, options), mongoose.createConnection(uri, options).
    client(path) {
      const what = joined(path).replace(/^default\./, '');
      if (what !== 'connect.()' && what !== 'createConnection.()') return null;
      return { library: 'mongoose', what: 'Mongoose connection', timeoutOptions: MONGOOSE_TIMEOUTS, optionsArg: 1, ...MONGOOSE_DEFAULTS };
    },
  },
  {
    library: 'sequelize',
    modules: ['sequelize', 'sequelize-typescript'],
    // class User extends Model → User.findAll(); sequelize.define(...).findAll(); sequelize.query(sql).
    query(path) {
      const operation = path.at(-1)!;
      const owner = joined(path.slice(0, -1));
      if (owner === 'Model' || owner === 'Sequelize.new.define.()' || owner === 'Sequelize.new.models') return classify('sequelize', operation);
      if (owner === 'Sequelize.new' && operation === 'query') return { library: 'sequelize', operation, kind: 'raw' };
      return null;
    },
    client(path) {
      return joined(path) === 'Sequelize.new' || joined(path) === 'default.new'
        ? { library: 'sequelize', what: 'Sequelize instance', timeoutOptions: SEQUELIZE_TIMEOUTS, optionsArg: -1, ...SEQUELIZE_DEFAULTS }
        : null;
    },
  },
  {
    library: 'pg',
    modules: ['pg'],
    query(path) {
      const owner = joined(path.slice(0, -1));
      return (owner === 'Pool.new' || owner === 'Client.new' || owner === 'default.Pool.new' || owner === 'Pool.new.connect.()') && path.at(-1) === 'query' ? { library: 'pg', operation: 'query', kind: 'raw' } : null;
    },
    client(path) {
      const what = joined(path);
      if (what === 'Pool.new' || what === 'default.Pool.new') return { library: 'pg', what: 'pg Pool', timeoutOptions: ['statement_timeout', 'query_timeout', 'connectionTimeoutMillis', 'idle_in_transaction_session_timeout'], optionsArg: 0, optionsElsewhere: true };
      if (what === 'Client.new') return { library: 'pg', what: 'pg Client', timeoutOptions: ['statement_timeout', 'query_timeout', 'connectionTimeoutMillis'], optionsArg: 0, optionsElsewhere: true };
      return null;
    },
  },
  {
    library: 'mysql2',
    modules: ['mysql2', 'mysql2/promise', 'mysql'],
    query(path) {
      const owner = joined(path.slice(0, -1));
      const operation = path.at(-1)!;
      return /^(createPool|createConnection)\.\(\)(\.promise\.\(\))?$/.test(owner) && (operation === 'query' || operation === 'execute') ? { library: 'mysql2', operation, kind: 'raw' } : null;
    },
    client(path) {
      const what = joined(path);
      return what === 'createPool.()' || what === 'createConnection.()' ? { library: 'mysql2', what: `mysql2 ${path[0]}`, timeoutOptions: ['connectTimeout', 'timeout'], optionsArg: 0 } : null;
    },
  },
  {
    library: 'knex',
    modules: ['knex'],
    // const db = knex(config); db('users').where(...): the table call is the query, its chain the builder.
    query(path) {
      const what = joined(path);
      // The callee is the instance itself: `db('users')`.
      if (what === '()' || what === 'knex.()' || what === 'default.()') return { library: 'knex', operation: 'table', kind: 'read-many' };
      if (/^(knex\.|default\.)?\(\)\.raw$/.test(what)) return { library: 'knex', operation: 'raw', kind: 'raw' };
      return null;
    },
    refine(match, chain) {
      if (match.operation !== 'table') return match;
      const write = chain.find((name) => ['insert', 'update', 'del', 'delete', 'upsert', 'increment', 'decrement', 'truncate'].includes(name));
      if (write) return { ...match, operation: write, kind: 'write' };
      if (chain.includes('first')) return { ...match, operation: 'first', kind: 'read-one' };
      if (chain.some((name) => name === 'count' || name === 'countDistinct')) return { ...match, operation: 'count', kind: 'count' };
      return match;
    },
    client(path) {
      const what = joined(path);
      return what === '()' || what === 'knex.()' || what === 'default.()'
        ? { library: 'knex', what: 'knex instance', timeoutOptions: ['acquireConnectionTimeout', 'pool.acquireTimeoutMillis', 'connection.statement_timeout', 'connection.query_timeout', 'connection.connectionTimeoutMillis', 'connection.connectTimeout'], optionsArg: 0 }
        : null;
    },
  },
  {
    library: 'drizzle',
    // Every driver entry (`drizzle-orm/node-postgres`, `/pglite`, `/mysql2`…) maps to the package.
    modules: ['drizzle-orm'],
    // const db = drizzle(pool); db.select().from(users) (the chain is the builder); db.query.users.findMany({ limit }).
    query(path) {
      const at = path.findIndex((step, index) => (step === '()' && path[index - 1] === 'drizzle') || (step === 'new' && /Database$/.test(path[index - 1] ?? '')));
      if (at < 0) return null;
      const rest = path.slice(at + 1);
      if (rest.length === 1 && (rest[0] === 'select' || rest[0] === 'selectDistinct')) return { library: 'drizzle', operation: rest[0], kind: 'read-many' };
      if (rest.length === 1 && (rest[0] === 'insert' || rest[0] === 'update' || rest[0] === 'delete')) return { library: 'drizzle', operation: rest[0], kind: 'write' };
      if (rest.length === 1 && rest[0] === 'execute') return { library: 'drizzle', operation: 'execute', kind: 'raw' };
      if (rest.length === 3 && rest[0] === 'query') return classify('drizzle', rest[2]!);
      return null;
    },
  },
  {
    library: 'kysely',
    modules: ['kysely'],
    // new Kysely<DB>({ dialect }) or a parameter typed Kysely<DB>: db.selectFrom('users')…execute().
    query(path) {
      const at = path.indexOf('new');
      if (at < 0 || path[at - 1] !== 'Kysely' || path.length !== at + 2) return null;
      const operation = path[at + 1]!;
      if (operation === 'selectFrom') return { library: 'kysely', operation, kind: 'read-many' };
      if (operation === 'insertInto' || operation === 'updateTable' || operation === 'deleteFrom' || operation === 'replaceInto') return { library: 'kysely', operation, kind: 'write' };
      return null;
    },
  },
  {
    library: 'slonik',
    // createPool(url) → pool.any/many (rows), one/maybeOne (a row), query (raw).
    modules: ['slonik'],
    query(path) {
      if (path.length !== 3 || path[0] !== 'createPool' || path[1] !== '()') return null;
      const operation = path[2]!;
      if (operation === 'any' || operation === 'many' || operation === 'anyFirst' || operation === 'manyFirst') return { library: 'slonik', operation, kind: 'read-many' };
      if (operation === 'one' || operation === 'maybeOne' || operation === 'oneFirst' || operation === 'maybeOneFirst' || operation === 'exists') return { library: 'slonik', operation, kind: 'read-one' };
      if (operation === 'query') return { library: 'slonik', operation, kind: 'raw' };
      return null;
    },
  },
  {
    library: 'mikro-orm',
    // An injected EntityManager or EntityRepository, or orm.em: em.find(User, …), repo.findAll(), em.persistAndFlush().
    modules: ['@mikro-orm/core', '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/sqlite', '@mikro-orm/mongodb', '@mikro-orm/mariadb', '@mikro-orm/nestjs'],
    query(path) {
      const operation = path.at(-1)!;
      const owner = joined(path.slice(0, -1));
      const manager = /(^|\.)(EntityManager|SqlEntityManager|EntityRepository)\.new$/.test(owner) || /^MikroORM\.init\.\(\)\.em$/.test(owner);
      if (!manager) return null;
      if (operation === 'persistAndFlush' || operation === 'removeAndFlush' || operation === 'nativeInsert' || operation === 'nativeUpdate' || operation === 'nativeDelete' || operation === 'flush') return { library: 'mikro-orm', operation, kind: 'write' };
      if (operation === 'execute') return { library: 'mikro-orm', operation, kind: 'raw' };
      return classify('mikro-orm', operation);
    },
  },
  {
    library: 'typeorm',
    modules: ['@nestjs/typeorm'],
    query: () => null,
    // TypeOrmModule.forRoot({ type: 'postgres', … }): the DataSource options, read the same way.
    client(path) {
      return joined(path) === 'TypeOrmModule.forRoot.()' ? { library: 'typeorm', what: 'TypeORM DataSource', timeoutOptions: TYPEORM_TIMEOUTS, optionsArg: 0, optionsElsewhere: true } : null;
    },
  },
  {
    library: 'mongoose',
    modules: ['@nestjs/mongoose'],
    query: () => null,
    client(path) {
      return joined(path) === 'MongooseModule.forRoot.()' ? { library: 'mongoose', what: 'Mongoose connection', timeoutOptions: MONGOOSE_TIMEOUTS, optionsArg: 1, ...MONGOOSE_DEFAULTS } : null;
    },
  },
  {
    library: 'sequelize',
    modules: ['@nestjs/sequelize'],
    query: () => null,
    client(path) {
      return joined(path) === 'SequelizeModule.forRoot.()' ? { library: 'sequelize', what: 'Sequelize instance', timeoutOptions: SEQUELIZE_TIMEOUTS, optionsArg: 0, ...SEQUELIZE_DEFAULTS } : null;
    },
  },
];

const BY_MODULE = new Map<string, Adapter>(ADAPTERS.flatMap((adapter) => adapter.modules.map((module) => [module, adapter] as const)));

/** `drizzle-orm/node-postgres` → `drizzle-orm`; `@scope/name/sub` → `@scope/name`. */
function packageOf(module: string): string {
  const parts = module.split('/');
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function adapterFor(module: string): Adapter | undefined {
  return BY_MODULE.get(module) ?? BY_MODULE.get(packageOf(module));
}

export function queryOf(module: string, path: readonly string[], chain: readonly string[] = []): QueryMatch | null {
  const adapter = adapterFor(module);
  const match = adapter?.query(path) ?? null;
  return match && adapter?.refine ? adapter.refine(match, chain) : match;
}

export function clientOf(module: string, path: readonly string[]): ClientMatch | null {
  return adapterFor(module)?.client?.(path) ?? null;
}

/** Methods that run a callback inside a database transaction, by library. */
const TRANSACTION_METHODS = new Set(['$transaction', 'transaction', 'transactional']);

/** Whether calling `path` of `module` opens a transaction whose callback runs inside it. */
export function isTransactionCall(module: string, path: readonly string[]): boolean {
  return adapterFor(module) !== undefined && TRANSACTION_METHODS.has(path.at(-1) ?? '');
}

/** Whether a package is database access: a controller importing one reaches the database itself. */
export function isDataAccessModule(module: string): boolean {
  return adapterFor(module) !== undefined;
}

/** Connection-string parameters that bound connecting or statements (`?connect_timeout=5`, `options=-c statement_timeout=5000`). */
export const URL_TIMEOUT = /[?&](connect_timeout|connectTimeout|connectTimeoutMS|socketTimeoutMS|serverSelectionTimeoutMS|statement_timeout|query_timeout)=|statement_timeout(=|%3D)/i;
