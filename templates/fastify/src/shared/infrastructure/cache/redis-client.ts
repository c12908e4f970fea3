import { Redis } from 'ioredis';

/**
 * One client shared by the cache and the rate limiter. Bounded retries and a connect timeout make a
 * dead Redis fail readiness quickly instead of hanging requests.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    enableOfflineQueue: true,
  });
}
