import type { FastifyRateLimitStore } from '@fastify/rate-limit';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** Windows remembered at the most; the oldest go first (the plugin's own local store holds 5,000). */
const MAX_WINDOWS = 20_000;

/**
 * Fixed-window counts in this process's memory, for a single replica without Redis. It answers
 * `incr` synchronously (the callback runs before `incr` returns), which the per-request limiter
 * relies on to stay off the promise path (see `request-rate-limit.ts`).
 */
export class LocalRateLimitStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  incr(key: string, callback: Callback, timeWindow: number, _max?: number): void {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.endsAt) {
      this.windows.delete(key);
      if (this.windows.size >= MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value as string);
      window = { count: 0, endsAt: now + timeWindow };
      this.windows.set(key, window);
    }
    window.count += 1;
    callback(null, { current: window.count, ttl: window.endsAt - now });
  }

  child(): LocalRateLimitStore {
    return new LocalRateLimitStore(this.now);
  }
}
