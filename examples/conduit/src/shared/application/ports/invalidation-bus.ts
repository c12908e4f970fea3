/**
 * What a committed write makes stale in the replicas' in-process read caches: everything derived
 * from articles (lists, feeds, single articles, tags), or what one viewer's own follows and
 * favorites decide (their overlay sets and their feed).
 */
export type Invalidation = { scope: 'articles' } | { scope: 'viewer'; userId: string };

/**
 * Carries invalidations to the other replicas (Redis pub/sub in production). Delivery is at most
 * once, so the read cache never relies on it alone: every entry also has a maximum age.
 */
export interface InvalidationBus {
  /** Resolves once the message left for the other replicas; this process is not among the receivers. */
  publish(message: Invalidation): Promise<void>;
  /**
   * `listener(undefined)` means messages may have been missed (the subscription was re-established
   * after a disconnect): drop everything.
   */
  subscribe(listener: (message: Invalidation | undefined) => void): void;
}
