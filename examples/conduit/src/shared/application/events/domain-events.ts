import type { DomainEvent } from '../../domain/domain-event.js';
import type { Logger } from '../ports/logger.js';
import type { Outbox } from '../ports/outbox.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';

export type EventHandler<E extends DomainEvent = DomainEvent> = (event: E) => Promise<void>;

/**
 * Two phases, because they need different guarantees:
 * - `inTransaction` handlers (read-model projections) run inside the writer's transaction, so the
 *   read model commits or rolls back with the aggregate: readers never see one without the other.
 * - `afterCommit` handlers (cache invalidation, tag counts) run once the data is durable; running
 *   them earlier would let a concurrent reader refill the cache from the pre-commit state. Their
 *   events go to the outbox inside the transaction, so a failure after the commit (Redis down, a
 *   crash) delays them but never loses them.
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
    private readonly outbox: Outbox,
    /** What may be logged about a failed delivery; the default keeps only the error's name, never a message that could carry data. */
    private readonly describeFailure: (error: unknown) => object = (error) => ({ cause: error instanceof Error ? error.name : typeof error }),
  ) {}

  on<E extends DomainEvent>(type: E['type'], phase: EventPhase, handler: EventHandler<E>): void {
    const list = this.handlers[phase].get(type) ?? [];
    list.push(handler as EventHandler);
    this.handlers[phase].set(type, list);
  }

  async run<T>(work: (publish: Publish) => Promise<T>): Promise<T> {
    let pending: string[] = [];
    const result = await this.unitOfWork.run(async () => {
      // Collected per attempt: if the transaction throws, nothing reaches the outbox.
      const published: DomainEvent[] = [];
      const value = await work(async (events) => {
        for (const event of events) {
          await this.dispatch('inTransaction', event);
          published.push(event);
        }
      });
      const deferred = published.filter((event) => this.handlers.afterCommit.has(event.type));
      pending = deferred.length > 0 ? await this.outbox.append(deferred) : [];
      return value;
    });
    // The fast path: deliver now. What fails stays in the outbox for the relay; the write is
    // durable, and failing the request now would invite a retry of a finished command.
    for (const id of pending) await this.deliver(id);
    return result;
  }

  /**
   * Delivers one outbox entry under its row lock, in its own transaction: database effects of the
   * handlers (tag counts) commit together with the entry's removal, so they happen exactly once;
   * cache invalidations are idempotent, so a retry after a partial failure is harmless.
   */
  async deliver(id: string): Promise<boolean> {
    try {
      return await this.unitOfWork.run(async () => {
        const event = await this.outbox.claim(id);
        if (!event) return false;
        await this.dispatch('afterCommit', event);
        await this.outbox.remove(id);
        return true;
      });
    } catch (error) {
      this.logger.warn({ outboxId: id, ...this.describeFailure(error) }, 'after-commit delivery failed; the relay will retry');
      await this.outbox.postpone(id).catch(() => undefined);
      return false;
    }
  }

  /** One relay pass over entries left behind (a failed delivery, a crash after commit); returns how many were delivered. */
  async relayDue(limit = 100): Promise<number> {
    let delivered = 0;
    for (const id of await this.outbox.due(limit)) if (await this.deliver(id)) delivered += 1;
    return delivered;
  }

  private async dispatch(phase: EventPhase, event: DomainEvent): Promise<void> {
    for (const handler of this.handlers[phase].get(event.type) ?? []) await handler(event);
  }
}
