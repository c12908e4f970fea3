import type { Cache } from '../../application/ports/cache.js';
import type { Clock } from '../../application/ports/clock.js';

interface Entry {
  json: string;
  expiresAt: number;
}

/**
 * The single-process fallback when REDIS_URL is unset (local runs, the embedded test suite). It is
 * bounded (oldest entries evicted first) and every entry expires; with more than one replica use
 * Redis, or each process would serve its own stale copies after another one invalidated.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 10_000,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    // Stored as JSON so callers get a copy, exactly as they would from Redis.
    return JSON.parse(entry.json) as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { json: JSON.stringify(value), expiresAt: this.clock.now().getTime() + ttlSeconds * 1000 });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async ping(): Promise<void> {}
}
