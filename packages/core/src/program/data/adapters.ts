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
  /** Option keys that bound how long a connection or a statement may take. */
  timeoutOptions: readonly string[];
  /** The argument holding the options (index), when the constructor takes an object. */
  optionsArg: number;
}

interface Adapter {
  library: string;
  modules: readonly string[];
  query(path: readonly string[]): QueryMatch | null;
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
      return joined(path) === 'Sequelize.new' ? { library: 'sequelize', what: 'Sequelize instance', timeoutOptions: ['pool', 'dialectOptions'], optionsArg: -1 } : null;
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
      if (what === 'Pool.new' || what === 'default.Pool.new') return { library: 'pg', what: 'pg Pool', timeoutOptions: ['statement_timeout', 'query_timeout', 'connectionTimeoutMillis', 'idle_in_transaction_session_timeout'], optionsArg: 0 };
      if (what === 'Client.new') return { library: 'pg', what: 'pg Client', timeoutOptions: ['statement_timeout', 'query_timeout', 'connectionTimeoutMillis'], optionsArg: 0 };
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
      if (what === '().()' || what === 'knex.().()' || what === 'default.().()') return { library: 'knex', operation: 'table', kind: 'read-many' };
      if (/^(knex\.|default\.)?\(\)\.raw$/.test(what)) return { library: 'knex', operation: 'raw', kind: 'raw' };
      return null;
    },
    client(path) {
      const what = joined(path);
      return what === '()' || what === 'knex.()' || what === 'default.()' ? { library: 'knex', what: 'knex instance', timeoutOptions: ['acquireConnectionTimeout', 'pool'], optionsArg: 0 } : null;
    },
  },
];

const BY_MODULE = new Map<string, Adapter>(ADAPTERS.flatMap((adapter) => adapter.modules.map((module) => [module, adapter] as const)));

export function queryOf(module: string, path: readonly string[]): QueryMatch | null {
  return BY_MODULE.get(module)?.query(path) ?? null;
}

export function clientOf(module: string, path: readonly string[]): ClientMatch | null {
  return BY_MODULE.get(module)?.client?.(path) ?? null;
}

/** Packages that are database access: a controller importing one reaches the database itself. */
export const DATA_ACCESS_MODULES: ReadonlySet<string> = new Set(ADAPTERS.flatMap((adapter) => adapter.modules));
