import type { DomainEvent } from '../domain/domain-event.js';
import type { EventHandlerRegistry } from './event-handlers.js';
import type { EventPublisher } from './ports/event-publisher.js';
import type { Logger } from './ports/logger.js';

/**
 * Runs handlers right after the commit, in the request. A failing handler is logged, not thrown:
 * the write already succeeded and the caller must not see an error for a side effect.
 */
export class InlineEventPublisher implements EventPublisher {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly logger: Logger,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await this.registry.dispatch(event);
      } catch (error) {
        this.logger.error({ err: error, event: event.name }, 'event handler failed');
      }
    }
  }
}
