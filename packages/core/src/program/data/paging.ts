import type { Value } from '../summary.js';
import type { ChainedCall } from '../summary.js';
import type { QueryMatch } from './adapters.js';

/** Whether a list read states something: `set`, `missing`, or `unknown` when the options cannot be read. */
export type Stated = 'set' | 'missing' | 'unknown';

/** What a list read says about its size and order, in each library's own words. */
export interface Paging {
  /** The word a finding names for the limit (`take`, `.limit()`, `limit`). */
  limitWord: string;
  orderWord: string;
  offsetWord: string;
  limit: Stated;
  /** An offset or skip is given (any value). */
  offset: boolean;
  order: Stated;
  /** The filter, when the syntax gives it: an object (`{ id }`) or a column name (`where('id', …)`). */
  where?: Value;
  whereColumn?: string;
  /** The rows stream (`.cursor()`, `.stream()`): nothing piles up in memory. */
  streamed?: boolean;
}

const has = (options: Value | undefined, key: string): Stated => {
  if (!options) return 'missing';
  if (options.kind !== 'object') return 'unknown';
  if (key in options.properties) return 'set';
  return options.spread ? 'unknown' : 'missing';
};

const inChain = (chain: readonly ChainedCall[], names: readonly string[]): boolean => chain.some((call) => names.includes(call.name));

/** Options-object libraries: Prisma, TypeORM, Sequelize, Drizzle's relational `query` API. */
function fromOptions(options: Value | undefined, words: { limit: string; offset: string; order: string; where?: string }): Paging {
  const where = options?.kind === 'object' ? options.properties[words.where ?? 'where'] : undefined;
  return {
    limitWord: `\`${words.limit}\``,
    orderWord: `\`${words.order}\``,
    offsetWord: `\`${words.offset}\``,
    limit: has(options, words.limit),
    offset: has(options, words.offset) === 'set',
    order: has(options, words.order),
    ...(where ? { where } : {}),
  };
}

/** Chained builders: Mongoose queries, Knex, Drizzle `select().from()`, Kysely `selectFrom()`. */
function fromChain(chain: readonly ChainedCall[], words: { limit: string[]; offset: string[]; order: string[]; stream?: string[] }, where?: Value, whereColumn?: string): Paging {
  return {
    limitWord: `\`.${words.limit[0]}()\``,
    orderWord: `\`.${words.order[0]}()\``,
    offsetWord: `\`.${words.offset[0]}()\``,
    limit: inChain(chain, words.limit) ? 'set' : 'missing',
    offset: inChain(chain, words.offset),
    order: inChain(chain, words.order) ? 'set' : 'missing',
    ...(where ? { where } : {}),
    ...(whereColumn ? { whereColumn } : {}),
    ...(words.stream && inChain(chain, words.stream) ? { streamed: true } : {}),
  };
}

/** Keys of TypeORM's FindManyOptions: an object with none of them is the conditions (0.2 style). */
const TYPEORM_FIND_OPTIONS = new Set(['where', 'take', 'skip', 'order', 'select', 'relations', 'join', 'cache', 'lock', 'withDeleted', 'loadEagerRelations', 'loadRelationIds', 'relationLoadStrategy', 'transaction', 'comment']);

/** Chain steps that make a Knex, Drizzle or Kysely builder something other than a list read. */
const NOT_A_LIST = ['first', 'insert', 'update', 'del', 'delete', 'count', 'countDistinct', 'max', 'min', 'sum', 'avg', 'increment', 'decrement', 'truncate', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'insertInto', 'updateTable', 'deleteFrom', 'values', 'set', 'returning', 'onConflict'];

/**
 * The paging facts of a list read (`kind: 'read-many'`), or null when the call is not a list read this
 * module knows how to read (aggregations, query builders whose terminal step is elsewhere).
 */
export function pagingOf(match: QueryMatch, args: readonly Value[], chain: readonly ChainedCall[]): Paging | null {
  if (match.kind !== 'read-many') return null;
  switch (match.library) {
    case 'prisma':
      if (match.operation !== 'findMany') return null;
      // `distinct: ['currency']` reads the values a column takes, not rows.
      if (args[0]?.kind === 'object' && 'distinct' in args[0].properties) return { ...fromOptions(args[0], { limit: 'take', offset: 'skip', order: 'orderBy' }), limit: 'unknown' };
      return fromOptions(args[0], { limit: 'take', offset: 'skip', order: 'orderBy' });
    case 'typeorm':
      if (match.operation === 'find' || match.operation === 'findAndCount') {
        const options = args[0];
        // TypeORM 0.2 took the conditions themselves: `find({ followerId })`.
        if (options?.kind === 'object' && !options.spread && Object.keys(options.properties).length && !Object.keys(options.properties).some((key) => TYPEORM_FIND_OPTIONS.has(key))) {
          return { ...fromOptions(undefined, { limit: 'take', offset: 'skip', order: 'order' }), where: options };
        }
        return fromOptions(options, { limit: 'take', offset: 'skip', order: 'order' });
      }
      if (match.operation === 'findBy' || match.operation === 'findAndCountBy') return { ...fromOptions(undefined, { limit: 'take', offset: 'skip', order: 'order' }), ...(args[0] ? { where: args[0] } : {}) };
      return null;
    case 'sequelize':
      return match.operation === 'findAll' || match.operation === 'findAndCountAll' ? fromOptions(args[0], { limit: 'limit', offset: 'offset', order: 'order' }) : null;
    case 'mongoose': {
      if (match.operation !== 'find') return null;
      const options = args[2];
      const chained = fromChain(chain, { limit: ['limit', 'paginate'], offset: ['skip'], order: ['sort'], stream: ['cursor', 'stream', 'eachAsync', 'countDocuments', 'count', 'distinct'] }, args[0]);
      if (options?.kind !== 'object') return options ? { ...chained, limit: chained.limit === 'set' ? 'set' : 'unknown', order: chained.order === 'set' ? 'set' : 'unknown' } : chained;
      return {
        ...chained,
        limit: chained.limit === 'set' || 'limit' in options.properties ? 'set' : options.spread ? 'unknown' : 'missing',
        offset: chained.offset || 'skip' in options.properties,
        order: chained.order === 'set' || 'sort' in options.properties ? 'set' : options.spread ? 'unknown' : 'missing',
      };
    }
    case 'knex': {
      if (inChain(chain, NOT_A_LIST)) return null;
      const where = chain.find((call) => call.name === 'where');
      const column = where?.args[0]?.kind === 'string' ? where.args[0].value : undefined;
      const paging = fromChain(chain, { limit: ['limit', 'paginate'], offset: ['offset'], order: ['orderBy', 'orderByRaw'], stream: ['stream', 'pluck'] }, where?.args[0]?.kind === 'object' ? where.args[0] : undefined, column);
      return inChain(chain, ['whereIn']) ? { ...paging, limit: 'unknown' } : paging;
    }
    case 'drizzle':
      if (match.operation === 'findMany') return fromOptions(args[0], { limit: 'limit', offset: 'offset', order: 'orderBy' });
      if (inChain(chain, NOT_A_LIST)) return null;
      return fromChain(chain, { limit: ['limit', '$dynamic'], offset: ['offset'], order: ['orderBy'], stream: ['iterator'] });
    case 'kysely':
      if (inChain(chain, NOT_A_LIST)) return null;
      return fromChain(chain, { limit: ['limit', '$call'], offset: ['offset'], order: ['orderBy'], stream: ['stream'] });
    default:
      return null;
  }
}

/** Keys that pick one row (or the rows of a list the caller already holds). */
const UNIQUE_KEY = /^(_?id|uuid|guid|slug|email|username|handle|key|token|code)$/i;
/** Operators that bound the result by a list the caller holds (`{ id: { in: ids } }`, `$in`). */
const IN_LIST = new Set(['in', '$in', 'In']);

/** Keys that scope a read to one owner or parent: `userId`, `author_id`, `owner`, `tenant`. */
const OWNER_KEY = /(Id|_id|ID)$|^(user|owner|author|tenant|organization|org|account|customer|parent|member|creator)$/;

/**
 * The filter scopes the read to one owner or parent (`where: { userId }`): what one user or one order
 * holds is bounded by what they create, and paging it is a product decision, not a defect to report.
 */
export function scopedToOwner(paging: Paging): boolean {
  if (paging.whereColumn) return OWNER_KEY.test(paging.whereColumn.split('.').at(-1)!);
  const where = paging.where;
  if (where?.kind !== 'object') return false;
  return Object.entries(where.properties).some(
    ([key, value]) =>
      (OWNER_KEY.test(key) && value.kind !== 'object' && value.kind !== 'array') ||
      // `symbolProfile: { dataSource, symbol }`: a relation filter naming one parent by its fields.
      (value.kind === 'object' && !value.spread && Object.keys(value.properties).length > 0 && Object.entries(value.properties).every(([field, inner]) => !OPERATOR.test(field) && inner.kind !== 'object' && inner.kind !== 'array')),
  );
}

/** Filter operators (Prisma, Mongo, Sequelize symbols aside): an object of these compares, it does not name a parent. */
const OPERATOR = /^(\$.*|in|notIn|not|lt|lte|gt|gte|equals|contains|startsWith|endsWith|search|mode|some|every|none|is|isNot|has|hasSome|hasEvery|AND|OR|NOT)$/;

/** The filter selects by a unique key, or by a list of keys the caller already holds. */
export function selectsByKey(paging: Paging): boolean {
  if (paging.whereColumn) return UNIQUE_KEY.test(paging.whereColumn.split('.').at(-1)!);
  const where = paging.where;
  if (where?.kind !== 'object') return false;
  return Object.entries(where.properties).some(([key, value]) => UNIQUE_KEY.test(key) || (value.kind === 'object' && Object.keys(value.properties).some((operator) => IN_LIST.has(operator))));
}

/** TypeORM query builders (`repo.createQueryBuilder('a')…getMany()`): the chain says everything. */
export function builderPagingOf(module: string, path: readonly string[], chain: readonly ChainedCall[]): Paging | null {
  if (module !== 'typeorm' || path.at(-1) !== 'createQueryBuilder') return null;
  if (!inChain(chain, ['getMany', 'getManyAndCount', 'getRawMany', 'getRawAndEntities', 'stream'])) return null;
  return fromChain(chain, { limit: ['take', 'limit'], offset: ['skip', 'offset'], order: ['orderBy', 'addOrderBy'], stream: ['stream'] });
}

/** What a SQL text says about paging: OFFSET with no ORDER BY before it. Null when the text says nothing. */
export function sqlOffsetWithoutOrder(sql: string): boolean {
  const offset = /\bOFFSET\s+(\$|\?|:|\d|@)/i.exec(sql);
  return offset !== null && !/\bORDER\s+BY\b/i.test(sql.slice(0, offset.index));
}

/** How a finding names a query call: `db('orders')` for a Knex-style table call, the callee text otherwise. */
export function queryText(site: { text: string; args?: readonly Value[] }): string {
  const table = site.args?.[0];
  return /^\w+$/.test(site.text) && table?.kind === 'string' ? `${site.text}('${table.value}')` : site.text;
}
