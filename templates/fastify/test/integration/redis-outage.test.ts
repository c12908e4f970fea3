import { describe, expect, it } from 'vitest';
import { closeRedis, createRedisClient } from '../../src/shared/infrastructure/cache/redis-client.js';
import { RedisCache } from '../../src/shared/infrastructure/cache/redis-cache.js';

const warnings: string[] = [];
const logger = { info: () => undefined, warn: (_: object, message: string) => void warnings.push(message), error: () => undefined };

describe('the cache with Redis unreachable', () => {
  it('answers every call within the command timeout (a miss, a skipped write), logs the outage once, and closes at once', async () => {
    // Nothing listens on port 9: every connection attempt is refused, as when Redis is down.
    const redis = createRedisClient('redis://127.0.0.1:9', { commandTimeoutMs: 200, logger });
    const cache = new RedisCache(redis, 'test:', logger);
    expect(await cache.get('invoice:1')).toBeUndefined();
    await cache.set('invoice:1', { id: 1 }, 60);
    await cache.delete('invoice:1');
    await expect(cache.ping()).rejects.toThrow();
    // Reaching this line at all is the point: with ioredis's defaults these calls wait for a
    // reconnection that never comes, and the test times out.
    expect(warnings.filter((message) => message.includes('redis unreachable')).length).toBe(1);
    await closeRedis(redis, 200);
  });
});
