import type { Clock } from '../../application/ports/clock.js';
import type { EventPublisher } from '../../application/ports/event-publisher.js';
import type { IdGenerator } from '../../application/ports/id-generator.js';
import type { DomainEvent } from '../../domain/domain-event.js';
import type { DrizzleContext } from '../db/drizzle-context.js';
import { outboxEvents } from './schema.js';

/**
 * Records events in the outbox table through the current transaction: called inside the use
 * case's unit of work, the events commit or roll back with the data that raised them. The relay
 * delivers them afterwards; nothing here talks to Redis.
 */
export class OutboxEventPublisher implements EventPublisher {
  constructor(
    private readonly context: DrizzleContext,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const createdAt = this.clock.now();
    await this.context.executor
      .insert(outboxEvents)
      .values(events.map((event) => ({ id: this.ids.next(), name: event.name, event, createdAt })));
  }
}
