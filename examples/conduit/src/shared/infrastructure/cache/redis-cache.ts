import type { Redis } from 'ioredis';
import type { Cache } from '../../application/ports/cache.js';

/** Redis-backed cache; the client (and its key prefix) is built in bootstrap. */
export class RedisCache implements Cache {
  constructor(private readonly redis: Redis) {}

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
