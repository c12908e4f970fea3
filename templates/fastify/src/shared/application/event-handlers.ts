import type { DomainEvent } from '../domain/domain-event.js';

export type EventHandler = (event: DomainEvent) => Promise<void>;

/**
 * Who reacts to which event. Modules subscribe in the composition root; publishers (inline or
 * queued) only look handlers up here, so adding a reaction never touches the code that emits.
 */
export class EventHandlerRegistry {
  private readonly handlers = new Map<string, EventHandler[]>();

  on(eventName: string, handler: EventHandler): void {
    this.handlers.set(eventName, [...(this.handlers.get(eventName) ?? []), handler]);
  }

  handlersFor(eventName: string): readonly EventHandler[] {
    return this.handlers.get(eventName) ?? [];
  }

  async dispatch(event: DomainEvent): Promise<void> {
    for (const handler of this.handlersFor(event.name)) await handler(event);
  }
}
