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
  '@fastify/redis': '@fastify/redis',
  'fastify-redis': '@fastify/redis',
  '@nestjs-modules/ioredis': 'ioredis',
  // Adapters that bring their own client: Redis behind a cache or session store.
  '@keyv/redis': '@keyv/redis',
  'cache-manager-redis-store': 'cache-manager-redis-store',
  'cache-manager-redis-yet': 'cache-manager-redis-yet',
  'cache-manager-ioredis': 'cache-manager-ioredis',
  'cache-manager-ioredis-yet': 'cache-manager-ioredis-yet',
  'connect-redis': 'connect-redis',
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
/**
 * Commands that keep records rather than copies: hashes, lists, sets, sorted sets, streams,
 * RedisJSON; called as methods or named as strings (`client[method](…)`, `send_command('zadd', …)`).
 */
const DATA_COMMAND = /\.(hset|hmset|hgetall|lpush|rpush|lrange|sadd|smembers|zadd|zrange\w*|xadd|xrange)\s*\(|['"](hset|hmset|hgetall|lpush|rpush|sadd|zadd|xadd)['"]|\.json\.set\s*\(/i;
/** Where to look for that usage: files that name Redis (a client, an injected `fastify.redis`, a wrapper module). */
export const MENTIONS_REDIS = /redis/i;

export interface RedisRole {
  slot: 'cache' | 'databases';
  item: DetectedItem;
}

function firstMatch(sources: readonly SourceText[], pattern: RegExp): SourceText | undefined {
  return sources.find((source) => pattern.test(source.text));
}

/**
 * Redis as a cache or as a store. A cache is what the code uses with expiring writes or through a
 * cache library, or what sits beside a SQL or Mongo database without keeping records of its own.
 * Redis keeps records (hashes, sets, streams: not copies with a TTL) as the primary store when no
 * other database is there, or as a data store beside one; redis-om, an object mapper for Redis,
 * makes it the primary store. `usage` is the text of the source files that name Redis.
 */
export function redisRole(evidence: DependencyEvidence, usage: readonly SourceText[], otherDatabase: string | null): RedisRole | null {
  const clients = detectItems(REDIS_CLIENTS, evidence);
  if (clients.length === 0) return null;
  const client = clients[0]!.evidence;
  const mapper = clients.find((item) => item.name === 'redis-om');
  if (mapper) return { slot: 'databases', item: { name: 'Redis (primary store)', evidence: `${mapper.evidence} (an object mapper for Redis)` } };
  const cacheLibrary = detectItems(CACHE_LIBRARIES, evidence)[0];
  const expiring = firstMatch(usage, EXPIRING_WRITE);
  const data = firstMatch(usage, DATA_COMMAND);
  const cache = (why: string): RedisRole => ({ slot: 'cache', item: { name: 'Redis (cache)', evidence: `${client}; ${why}` } });
  if (cacheLibrary) return cache(`used through ${cacheLibrary.evidence}`);
  if (expiring) return cache(`expiring writes in ${expiring.file}`);
  if (data) {
    return otherDatabase
      ? { slot: 'databases', item: { name: 'Redis (data store)', evidence: `${client}; records kept in it beside ${otherDatabase} (${data.file})` } }
      : { slot: 'databases', item: { name: 'Redis (primary store)', evidence: `${client}; no other database, records kept in it (${data.file})` } };
  }
  if (otherDatabase) return cache(`the primary store is ${otherDatabase}`);
  return { slot: 'databases', item: { name: 'Redis (primary store)', evidence: `${client}; no other database` } };
}
