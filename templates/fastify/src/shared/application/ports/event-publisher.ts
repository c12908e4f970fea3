import type { DomainEvent } from '../../domain/domain-event.js';

/** Publishes events after the write that produced them has committed. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
