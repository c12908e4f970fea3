import type { DomainEvent } from '../domain/domain-event.js';
import type { EventPublisher } from './ports/event-publisher.js';
import type { JobQueue } from './ports/job-queue.js';

/**
 * Hands each event to the job queue: handlers run out of the request, with retries, and a crash
 * between commit and handling loses nothing once the job is stored (Redis-backed queue).
 */
export class QueuedEventPublisher implements EventPublisher {
  constructor(private readonly queue: JobQueue) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) await this.queue.enqueue(event.name, event, { id: event.id });
  }
}
