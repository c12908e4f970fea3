import type { Redis } from 'ioredis';
import type { Cache } from '../../application/ports/cache.js';
import type { Logger } from '../../application/ports/logger.js';

/**
 * Cache-aside on Redis that degrades instead of failing: when Redis is slow or down (the client
 * bounds each command), a read is a miss and a write is skipped, so requests are served from the
 * database. TTLs bound any invalidation missed during the outage.
 */
export class RedisCache implements Cache {
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    /** Namespaces keys per service (and per test run), so a shared Redis never mixes data. */
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    try {
      const raw = await this.redis.get(this.prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch (error) {
      this.degraded(error);
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds).catch((error: unknown) => this.degraded(error));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key).catch((error: unknown) => this.degraded(error));
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** At most one warning every 10 s: an outage must not multiply log volume by request rate. */
  private degraded(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.logger.warn({ err: error }, 'cache unavailable; serving from the database');
  }
}
