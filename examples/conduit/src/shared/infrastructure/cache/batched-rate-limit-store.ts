import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { PrefixedKeys } from '../../application/cache-keys.js';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

interface Window {
  /** Hits counted here and not yet added to Redis. */
  pending: number;
  /** The total Redis returned at the last sync (every replica's hits, this one's included). */
  known: number;
  endsAt: number;
  timeWindow: number;
  /** A sync of this window is waiting for Redis: the next one must not send the same hits again. */
  syncing: boolean;
}

/** Windows remembered per store at the most; the oldest go first (the plugin's own LRU holds 5,000). */
const MAX_WINDOWS = 20_000;

/**
 * A store for @fastify/rate-limit whose counters are shared by the replicas through Redis, without a
 * Redis round trip per request. The plugin's own Redis store runs a Lua script per request: on the
 * cached reads that round trip was the largest cost left in the profile (about 17% of the CPU of
 * an anonymous list, plus Redis's own CPU on the same cores). Here each replica counts locally and
 * adds its counts to Redis every `syncMs` (INCRBY, with the window's expiry set once), learning the
 * others' counts in the same reply. A replica therefore sees its own hits exactly and the others'
 * as of its last sync, which follows each of its own hits within `syncMs`: a client spreading requests over N replicas can exceed the limit by what N - 1
 * replicas serve it in that time. Route stores (the credential routes' tight limits) sync on every
 * hit instead, exactly like the plugin's Redis store: they guard passwords, and are rarely hit.
 * Redis unavailable: counting goes on locally and the counts are added when it answers again.
 */
/** The key prefix of the counters in Redis (under the connection's key prefix). */
export const RATE_LIMIT_PREFIX = 'rate-limit:';
/** How often a replica adds its counts to the shared ones. */
export const RATE_LIMIT_SYNC_MS = 100;

export function batchedRedisRateLimitStore(redis: Redis, syncMs = RATE_LIMIT_SYNC_MS): FastifyRateLimitStoreCtor {
  return class extends BatchedRedisRateLimitStore {
    constructor() {
      super(redis, RATE_LIMIT_PREFIX, syncMs);
    }
  };
}

export class BatchedRedisRateLimitStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, Window>();
  /**
   * The counter's name per client key, remembered: a name built per hit was a new string that the
   * windows' Map hashed and compared in full again (about 1,500 instructions per request under
   * callgrind); the key handed in is the limiter's, one string per connection.
   */
  private readonly names: PrefixedKeys;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** 0: every hit goes to Redis before it is answered. */
    private readonly syncMs: number,
  ) {
    this.names = new PrefixedKeys(prefix, MAX_WINDOWS);
  }

  incr(key: string, callback: Callback, timeWindow: number, _max?: number): void {
    const now = Date.now();
    const name = this.names.of(key);
    if (this.syncMs === 0) {
      add(this.redis, name, 1, timeWindow).then(
        ({ total, ttl }) => callback(null, { current: total, ttl: ttl > 0 ? ttl : timeWindow }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    let window = this.windows.get(name);
    if (!window || now >= window.endsAt) {
      this.windows.delete(name);
      if (this.windows.size >= MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value as string);
      window = { pending: 0, known: 0, endsAt: now + timeWindow, timeWindow, syncing: false };
      this.windows.set(name, window);
    }
    window.pending += 1;
    this.timer ??= setTimeout(() => void this.syncAll(), this.syncMs).unref();
    callback(null, { current: window.known + window.pending, ttl: window.endsAt - now });
  }

  child(routeOptions: RouteOptions): BatchedRedisRateLimitStore {
    const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo;
    return new BatchedRedisRateLimitStore(this.redis, `${this.names.prefix}${route?.method ?? ''}${route?.url ?? ''}-`, 0);
  }

  /** Adds every pending count to Redis now (the timer does this every `syncMs`). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    return this.syncAll();
  }

  private async syncAll(): Promise<void> {
    this.timer = undefined;
    const now = Date.now();
    const due: Promise<void>[] = [];
    for (const [name, window] of this.windows) {
      if (window.pending > 0 && !window.syncing) due.push(this.sync(name, window).catch(() => undefined));
      else if (now >= window.endsAt) this.windows.delete(name);
    }
    await Promise.all(due);
    // Counts that could not be added (Redis down) are tried again at the next sync.
    if (!this.timer && [...this.windows.values()].some((window) => window.pending > 0)) {
      this.timer = setTimeout(() => void this.syncAll(), this.syncMs).unref();
    }
  }

  /** Adds this replica's pending hits to the shared counter and learns the total and its expiry. */
  private async sync(name: string, window: Window): Promise<void> {
    const sent = window.pending;
    window.syncing = true;
    try {
      const { total, ttl } = await add(this.redis, name, sent, window.timeWindow);
      window.pending -= sent;
      window.known = total;
      if (ttl > 0) window.endsAt = Date.now() + ttl;
    } finally {
      window.syncing = false;
    }
  }
}

/** Adds hits to a shared fixed window (created with its expiry by the first replica to count in it). */
async function add(redis: Redis, name: string, hits: number, timeWindow: number): Promise<{ total: number; ttl: number }> {
  const replies = await redis.multi().set(name, 0, 'PX', timeWindow, 'NX').incrby(name, hits).pttl(name).exec();
  const failed = replies?.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  const total = Number(replies?.[1]?.[1]);
  if (!Number.isFinite(total)) throw new Error('rate-limit sync: no count in the reply');
  return { total, ttl: Number(replies?.[2]?.[1]) };
}
