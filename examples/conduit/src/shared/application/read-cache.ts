import type { Clock } from './ports/clock.js';
import type { FeatureFlags } from './ports/feature-flags.js';
import type { Invalidation, InvalidationBus } from './ports/invalidation-bus.js';
import type { Logger } from './ports/logger.js';

/** Lets operators switch the read cache off without a deploy if it ever serves something wrong. */
export const READ_CACHE_FLAG = 'articles.read-cache';

export interface ReadCacheSettings {
  /**
   * The staleness bound: an entry is never served once this long has passed since its load began.
   * It holds even when an invalidation message is lost, so it is what the README promises readers
   * on other replicas; in the normal case invalidations arrive long before it.
   */
  maxAgeMs: number;
  maxEntries: number;
}

/** The invalidations an entry obeys: anything about articles, and/or one viewer's follows and favorites. */
export interface ReadScope {
  articles: boolean;
  viewer?: string;
}

/** Called after a commit; resolves once this replica dropped what the write made stale and the others were told. */
export interface ReadInvalidation {
  articlesChanged(): Promise<void>;
  viewerChanged(userId: string): Promise<void>;
}

interface Entry {
  value: unknown;
  loadedAt: number;
  sequence: number;
  scope: ReadScope;
}

interface Loading {
  promise: Promise<unknown>;
  sequence: number;
  scope: ReadScope;
}

/**
 * The in-process read cache: what many requests would otherwise each compute (a page of the list,
 * a viewer's follow set) is loaded once, shared, and dropped when a write makes it stale.
 *
 * Staleness is decided by sequence numbers, not by deleting keys: every invalidation takes the next
 * number and marks its scope with it, and a load remembers the number current when it began. A load
 * that began before an invalidation is therefore never kept, even if it finishes after it (a reader
 * refilling the cache from the pre-write state is the classic cache-aside race), and a reader that
 * arrives after an invalidation never joins such a load.
 */
export class ReadCache implements ReadInvalidation {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Loading>();
  private sequence = 0;
  /** Invalidates every entry (a possible gap in the invalidation stream). */
  private everythingMark = 0;
  private articlesMark = 0;
  /** In time order, so marks old enough to matter no more are pruned from the front. */
  private readonly viewerMarks = new Map<string, { sequence: number; at: number }>();
  private flag = { enabled: true, checkedAt: Number.NEGATIVE_INFINITY };

  constructor(
    private readonly clock: Clock,
    private readonly bus: InvalidationBus,
    private readonly flags: FeatureFlags,
    private readonly settings: ReadCacheSettings,
    private readonly logger: Logger,
  ) {
    bus.subscribe((message) => this.apply(message));
  }

  async get<T>(key: string, scope: ReadScope, load: () => Promise<T>): Promise<T> {
    const now = this.clock.nowMs();
    const enabled = this.enabled(now);
    if (enabled === false || (enabled !== true && !(await enabled))) return load();
    const entry = this.entries.get(key);
    if (entry && now - entry.loadedAt < this.settings.maxAgeMs && this.current(entry.sequence, entry.scope)) return entry.value as T;
    const inFlight = this.loading.get(key);
    if (inFlight && this.current(inFlight.sequence, inFlight.scope)) return inFlight.promise as Promise<T>;
    return this.fill(key, scope, load, now);
  }

  /**
   * The value `get` would answer at once from a fresh entry, synchronously; undefined when it would
   * load (no entry, or one that is stale, expired or invalidated) or when the feature flag is due to
   * be read again (then `get` reads it). The same conditions as `get`'s hit, without its promise: a
   * cached read served through `peek` sends its response in the tick that parsed the request.
   */
  peek<T>(key: string): T | undefined {
    const now = this.clock.nowMs();
    if (!this.flag.enabled || now - this.flag.checkedAt >= this.settings.maxAgeMs) return undefined;
    const entry = this.entries.get(key);
    if (entry && now - entry.loadedAt < this.settings.maxAgeMs && this.current(entry.sequence, entry.scope)) return entry.value as T;
    return undefined;
  }

  articlesChanged(): Promise<void> {
    return this.invalidate({ scope: 'articles' });
  }

  viewerChanged(userId: string): Promise<void> {
    return this.invalidate({ scope: 'viewer', userId });
  }

  /** How many entries are held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Here at once; the other replicas as soon as the bus delivers, awaited so that the writer's
   * response leaves after the message. A failed publish is logged, not thrown: the write is
   * committed, and the maximum age bounds how long the other replicas can serve the old state.
   */
  private async invalidate(message: Invalidation): Promise<void> {
    this.apply(message);
    try {
      await this.bus.publish(message);
    } catch (error) {
      this.logger.warn({ scope: message.scope, cause: error instanceof Error ? error.message : String(error) }, 'read-cache invalidation not published; other replicas catch up by entry age');
    }
  }

  private fill<T>(key: string, scope: ReadScope, load: () => Promise<T>, now: number): Promise<T> {
    const sequence = this.sequence;
    const settle = () => {
      if (this.loading.get(key)?.promise === promise) this.loading.delete(key);
    };
    const promise: Promise<T> = load().then(
      (value) => {
        settle();
        // Callers already waiting get the value either way: their reads began before the write finished.
        // Misses are not kept: they would let anyone fill the cache with made-up keys.
        if (value !== undefined && this.current(sequence, scope)) this.store(key, { value, loadedAt: now, sequence, scope });
        return value;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.loading.set(key, { promise, sequence, scope });
    return promise;
  }

  private store(key: string, entry: Entry): void {
    // Entries go in roughly in load order, so the expired ones sit at the front.
    for (const [oldKey, old] of this.entries) {
      if (entry.loadedAt - old.loadedAt < this.settings.maxAgeMs && this.entries.size < this.settings.maxEntries) break;
      this.entries.delete(oldKey);
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private current(sequence: number, scope: ReadScope): boolean {
    if (sequence < this.everythingMark) return false;
    if (scope.articles && sequence < this.articlesMark) return false;
    return scope.viewer === undefined || sequence >= (this.viewerMarks.get(scope.viewer)?.sequence ?? 0);
  }

  /** Synchronous, so a local write's own invalidation has taken effect before its response is sent. */
  private apply(message: Invalidation | undefined): void {
    this.sequence += 1;
    const now = this.clock.nowMs();
    if (message === undefined) {
      this.everythingMark = this.sequence;
      this.entries.clear();
    } else if (message.scope === 'articles') {
      // O(1) per write: the mark hides every older shared entry at once; they age out of the map
      // within the maximum age (or are replaced), so memory stays bounded without a sweep per write.
      this.articlesMark = this.sequence;
    } else {
      this.viewerMarks.delete(message.userId);
      this.viewerMarks.set(message.userId, { sequence: this.sequence, at: now });
    }
    // A mark older than the maximum age can go: every entry loaded before it has expired anyway.
    for (const [userId, mark] of this.viewerMarks) {
      if (now - mark.at < this.settings.maxAgeMs) break;
      this.viewerMarks.delete(userId);
    }
  }

  /** The flag is read at most once per maximum age, not once per request (evaluating it allocates). */
  private enabled(now: number): boolean | Promise<boolean> {
    if (now - this.flag.checkedAt < this.settings.maxAgeMs) return this.flag.enabled;
    this.flag.checkedAt = now;
    return this.flags.isEnabled(READ_CACHE_FLAG, true).then((enabled) => {
      this.flag.enabled = enabled;
      return enabled;
    });
  }
}
