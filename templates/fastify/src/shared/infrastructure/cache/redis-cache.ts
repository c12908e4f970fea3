import type { Redis } from 'ioredis';
import type { Cache } from '../../application/ports/cache.js';

export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    /** Namespaces keys per service (and per test run), so a shared Redis never mixes data. */
    private readonly prefix: string,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
