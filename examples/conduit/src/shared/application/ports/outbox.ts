import type { DomainEvent } from '../../domain/domain-event.js';

/**
 * Events whose handlers must run after the commit (cache invalidation, tag counts), stored in the
 * same transaction as the change that raised them: once the data is committed, so is the duty to
 * deliver them, whatever happens to Redis or to this process next.
 */
export interface Outbox {
  /** Inside the writer's transaction; returns the entries' ids. */
  append(events: readonly DomainEvent[]): Promise<string[]>;
  /** Inside a transaction: locks the entry and returns its event, or undefined when another relay holds it or it is done. */
  claim(id: string): Promise<DomainEvent | undefined>;
  /** Inside the claiming transaction: the entry is delivered. */
  remove(id: string): Promise<void>;
  /** A delivery failed: try again no sooner than after a backoff that grows with the attempts. */
  postpone(id: string): Promise<void>;
  /** Entries due for (another) delivery attempt, oldest first. */
  due(limit: number): Promise<string[]>;
}
