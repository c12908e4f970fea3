import type { Cache } from '../../application/ports/cache.js';
import type { Logger } from '../../application/ports/logger.js';

/**
 * A cache outage must cost speed, never availability: a failed read is a miss (the caller loads
 * from the database) and a failed fill is skipped. Invalidations still fail loudly, because a
 * dropped one would leave a stale entry behind; the outbox relay retries them until Redis answers.
 * Failures are logged once per outage, not once per request.
 */
export class DegradingCache implements Cache {
  private failing = false;

  constructor(
    private readonly inner: Cache,
    private readonly logger: Logger,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    try {
      const value = await this.inner.get<T>(key);
      this.recovered();
      return value;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.inner.set(key, value, ttlSeconds);
      this.recovered();
    } catch (error) {
      this.failed(error);
    }
  }

  delete(...keys: string[]): Promise<void> {
    return this.inner.delete(...keys);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn({ cause: error instanceof Error ? error.message : String(error) }, 'cache unavailable: reading from the database');
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info({}, 'cache available again');
  }
}
