import { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import type { Cache } from '../shared/application/ports/cache.js';
import type { Clock } from '../shared/application/ports/clock.js';
import { MemoryCache } from '../shared/infrastructure/cache/memory-cache.js';
import { RedisCache } from '../shared/infrastructure/cache/redis-cache.js';

export interface CacheHandle {
  cache: Cache;
  /** The Redis client when configured, shared with the rate limiter so limits hold across replicas. */
  redis: Redis | undefined;
  close(): Promise<void>;
}

export async function openCache(config: Pick<Config, 'REDIS_URL' | 'REDIS_KEY_PREFIX'>, clock: Clock): Promise<CacheHandle> {
  if (!config.REDIS_URL) return { cache: new MemoryCache(clock), redis: undefined, close: async () => {} };
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    connectTimeout: 5000,
    // Fail a command after two retries instead of queueing requests behind a dead Redis.
    maxRetriesPerRequest: 2,
    lazyConnect: true,
  });
  await redis.connect();
  return {
    cache: new RedisCache(redis),
    redis,
    close: async () => {
      await redis.quit();
    },
  };
}
