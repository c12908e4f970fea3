import type { DetectedItem } from '../types.js';
import { detectItems, type DependencyEvidence } from './slots.js';
import type { SourceText } from './source-text.js';

export const REDIS_CLIENTS: Record<string, string> = {
  ioredis: 'ioredis',
  iovalkey: 'iovalkey',
  redis: 'redis',
  '@redis/client': 'redis',
  '@upstash/redis': 'Upstash Redis',
  'redis-om': 'redis-om',
};

/** Libraries that put a cache in front of a store; beside a Redis client, Redis is their backend. */
const CACHE_LIBRARIES: Record<string, string> = {
  'cache-manager*': 'cache-manager',
  '@nestjs/cache-manager': '@nestjs/cache-manager',
  keyv: 'keyv',
  '@keyv/redis': 'keyv',
};

/** Writes that expire: `setex`, `expire`, `set(k, v, 'EX', 60)`, `set(k, v, { EX: 60 })`, a `ttl` argument. */
const EXPIRING_WRITE = /\.(setex|psetex|expire|pexpire|expireat|getex)\s*\(|['"](EX|PX)['"]|\b(EX|PX)\s*:|\bttl\b/i;
/** Commands that keep records rather than copies: hashes, lists, sets, sorted sets, streams, RedisJSON. */
const DATA_COMMAND = /\.(hset|hmset|hgetall|lpush|rpush|lrange|sadd|smembers|zadd|zrange\w*|xadd|xrange)\s*\(|\.json\.set\s*\(/i;

export interface RedisRole {
  slot: 'cache' | 'databases';
  item: DetectedItem;
}

function firstMatch(sources: readonly SourceText[], pattern: RegExp): SourceText | undefined {
  return sources.find((source) => pattern.test(source.text));
}

/**
 * Redis as a cache or as the service's primary store. A cache is what sits beside a SQL or Mongo
 * database, or what the code uses with expiring writes or through a cache library; with no other
 * database and data kept in it (or redis-om, an object mapper for Redis), Redis is the store.
 * `usage` is the text of the files that use the client: importers of the package and of local
 * modules named after Redis or a cache.
 */
export function redisRole(evidence: DependencyEvidence, usage: readonly SourceText[], otherDatabase: boolean): RedisRole | null {
  const clients = detectItems(REDIS_CLIENTS, evidence);
  if (clients.length === 0) return null;
  const client = clients[0]!.evidence;
  const mapper = clients.find((item) => item.name === 'redis-om');
  if (mapper) return { slot: 'databases', item: { name: 'Redis (primary store)', evidence: `${mapper.evidence} (an object mapper for Redis)` } };
  const cacheLibrary = detectItems(CACHE_LIBRARIES, evidence)[0];
  const expiring = firstMatch(usage, EXPIRING_WRITE);
  const data = firstMatch(usage, DATA_COMMAND);
  const cache = (why: string): RedisRole => ({ slot: 'cache', item: { name: 'Redis (cache)', evidence: `${client}; ${why}` } });
  if (otherDatabase) return cache('the primary store is another database');
  if (data) return { slot: 'databases', item: { name: 'Redis (primary store)', evidence: `${client}; no other database, records kept in it (${data.file})` } };
  if (cacheLibrary) return cache(`used through ${cacheLibrary.evidence}`);
  if (expiring) return cache(`expiring writes in ${expiring.file}`);
  return { slot: 'databases', item: { name: 'Redis (primary store)', evidence: `${client}; no other database` } };
}
