/**
 * Domain events are plain, serialisable data so the same event can be handled in-process or
 * carried through a job queue without a mapping step.
 */
export interface DomainEvent<TName extends string = string, TPayload = unknown> {
  readonly name: TName;
  readonly aggregateId: string;
  /** ISO-8601 timestamp taken from the Clock port, never from `new Date()` inside the domain. */
  readonly occurredAt: string;
  readonly payload: TPayload;
  /** Set once the event is recorded (the outbox row's id): lets a queue drop a redelivered copy. */
  readonly id?: string;
}

/** Aggregates record what happened; the use case publishes the events after the transaction commits. */
export abstract class AggregateRoot {
  private pending: DomainEvent[] = [];

  protected record(event: DomainEvent): void {
    this.pending.push(event);
  }

  pullEvents(): DomainEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}
