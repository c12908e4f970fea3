import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import type { Cache } from '../shared/application/ports/cache.js';
import type { Clock } from '../shared/application/ports/clock.js';
import type { Logger } from '../shared/application/ports/logger.js';
import { DegradingCache } from '../shared/infrastructure/cache/degrading-cache.js';
import { MemoryCache } from '../shared/infrastructure/cache/memory-cache.js';
import { RedisCache } from '../shared/infrastructure/cache/redis-cache.js';

export interface CacheHandle {
  cache: Cache;
  /** The Redis client when configured, shared with the rate limiter so limits hold across replicas. */
  redis: Redis | undefined;
  /** Resolves within `timeoutMs` whatever Redis does. */
  close(timeoutMs: number): Promise<void>;
}

type CacheSettings = Pick<Config, 'REDIS_URL' | 'REDIS_KEY_PREFIX' | 'REDIS_COMMAND_TIMEOUT_MS'>;

/**
 * Redis is an optimisation here, so every call on it is bounded: commands fail after
 * REDIS_COMMAND_TIMEOUT_MS, and while disconnected they fail at once instead of queueing behind a
 * dead socket (no offline queue). Start-up waits for it only briefly, then serves without it while
 * ioredis reconnects in the background.
 */
export async function openCache(config: CacheSettings, clock: Clock, logger: Logger): Promise<CacheHandle> {
  if (!config.REDIS_URL) return { cache: new MemoryCache(clock), redis: undefined, close: async () => {} };
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    connectTimeout: 2000,
    commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Reconnect forever, at most every 2 s: the cache comes back on its own when Redis does.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled 'error' event.
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ cause: error.message }, 'redis unreachable; cache reads go to the database, rate limits are per process');
  });
  redis.on('ready', () => {
    if (down) logger.info({}, 'redis reachable again');
    down = false;
  });
  await Promise.race([once(redis, 'ready').catch(() => undefined), delay(2000)]);
  const stopWatchdog = watchSilentRedis(redis, logger);
  return {
    cache: new DegradingCache(new RedisCache(redis), logger),
    redis,
    close: async (timeoutMs) => {
      stopWatchdog();
      // QUIT waits for replies, which a dead Redis never sends: give it a bounded chance, then cut the socket.
      await Promise.race([redis.quit().catch(() => undefined), delay(timeoutMs)]);
      redis.disconnect();
    },
  };
}

const WATCHDOG_INTERVAL_MS = 1000;

/**
 * A Redis that stops answering without closing the socket (a partition, a frozen host) leaves the
 * client "ready", so every command waits out its timeout. A ping each second notices, and dropping
 * the connection puts the client into reconnecting, where commands fail at once (no offline queue)
 * until Redis answers again: one slow second instead of a slow outage.
 */
function watchSilentRedis(redis: Redis, logger: Logger): () => void {
  let probing = false;
  const timer = setInterval(() => {
    if (probing || redis.status !== 'ready') return;
    probing = true;
    redis
      .ping()
      .catch((error: unknown) => {
        if (redis.status !== 'ready') return;
        logger.warn({ cause: error instanceof Error ? error.message : String(error) }, 'redis stopped answering; reconnecting');
        redis.disconnect(true);
      })
      .finally(() => {
        probing = false;
      });
  }, WATCHDOG_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
