import type { DomainEvent } from '../../domain/domain-event.js';
import type { Logger } from '../ports/logger.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';

export type EventHandler<E extends DomainEvent = DomainEvent> = (event: E) => Promise<void>;

/**
 * Two phases, because they need different guarantees:
 * - `inTransaction` handlers (read-model projections) run inside the writer's transaction, so the
 *   read model commits or rolls back with the aggregate: readers never see one without the other.
 * - `afterCommit` handlers (cache invalidation) run once the data is durable; running them earlier
 *   would let a concurrent reader refill the cache from the pre-commit state.
 */
export type EventPhase = 'inTransaction' | 'afterCommit';

/** Runs the in-transaction handlers of these events now and schedules their after-commit handlers. */
export type Publish = (events: readonly DomainEvent[]) => Promise<void>;

/** What a use case sees: a transaction in which it can publish the events its aggregates raised. */
export interface TransactionalEvents {
  run<T>(work: (publish: Publish) => Promise<T>): Promise<T>;
}

export class DomainEventBus implements TransactionalEvents {
  private readonly handlers: Record<EventPhase, Map<string, EventHandler[]>> = {
    inTransaction: new Map(),
    afterCommit: new Map(),
  };

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly logger: Logger,
  ) {}

  on<E extends DomainEvent>(type: E['type'], phase: EventPhase, handler: EventHandler<E>): void {
    const list = this.handlers[phase].get(type) ?? [];
    list.push(handler as EventHandler);
    this.handlers[phase].set(type, list);
  }

  async run<T>(work: (publish: Publish) => Promise<T>): Promise<T> {
    const committed: DomainEvent[] = [];
    const result = await this.unitOfWork.run(async () => {
      // Collected per attempt: if the transaction throws, nothing reaches the after-commit phase.
      const published: DomainEvent[] = [];
      const value = await work(async (events) => {
        for (const event of events) {
          await this.dispatch('inTransaction', event);
          published.push(event);
        }
      });
      committed.push(...published);
      return value;
    });
    for (const event of committed) {
      try {
        await this.dispatch('afterCommit', event);
      } catch (error) {
        // The write is durable; failing the request now would invite a retry of a finished command.
        // A missed invalidation is bounded by the cache TTL, so it is logged rather than thrown.
        this.logger.warn({ err: error, event: event.type }, 'after-commit handler failed');
      }
    }
    return result;
  }

  private async dispatch(phase: EventPhase, event: DomainEvent): Promise<void> {
    for (const handler of this.handlers[phase].get(event.type) ?? []) await handler(event);
  }
}
