import { sql } from 'drizzle-orm';
import type { Outbox } from '../../application/ports/outbox.js';
import type { DomainEvent } from '../../domain/domain-event.js';
import { rowsOf, type DrizzleUnitOfWork } from '../db/database.js';

/** Fresh entries are the writer's to deliver; the relay waits this long before it steps in. */
const RELAY_GRACE_SECONDS = 2;

interface StoredEvent {
  type: string;
  payload: Record<string, unknown> & { occurredAt: string };
}

export class DrizzleOutbox implements Outbox {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async append(events: readonly DomainEvent[]): Promise<string[]> {
    const values = events.map(
      (event) => sql`(${event.type}, ${JSON.stringify(event)}::jsonb, now() + make_interval(secs => ${RELAY_GRACE_SECONDS}))`,
    );
    const result = await this.database
      .current()
      .execute(sql`INSERT INTO outbox (type, payload, available_at) VALUES ${sql.join(values, sql`, `)} RETURNING id::text AS id`);
    return rowsOf<{ id: string }>(result).map((row) => row.id);
  }

  async claim(id: string): Promise<DomainEvent | undefined> {
    const result = await this.database
      .current()
      .execute(sql`SELECT type, payload FROM outbox WHERE id = ${id}::bigint FOR UPDATE SKIP LOCKED`);
    const [row] = rowsOf<StoredEvent>(result);
    // Handlers expect the event as raised: its instant is a Date again.
    return row ? ({ ...row.payload, type: row.type, occurredAt: new Date(row.payload.occurredAt) } as DomainEvent) : undefined;
  }

  async remove(id: string): Promise<void> {
    await this.database.current().execute(sql`DELETE FROM outbox WHERE id = ${id}::bigint`);
  }

  async postpone(id: string): Promise<void> {
    // 1, 2, 4 … seconds, capped at a minute: a long outage is not hammered, a short one heals fast.
    await this.database
      .current()
      .execute(
        sql`UPDATE outbox SET attempts = attempts + 1, available_at = now() + make_interval(secs => least(60, power(2, attempts))) WHERE id = ${id}::bigint`,
      );
  }

  async due(limit: number): Promise<string[]> {
    const result = await this.database
      .current()
      .execute(sql`SELECT id::text AS id FROM outbox WHERE available_at <= now() ORDER BY available_at, id LIMIT ${limit}`);
    return rowsOf<{ id: string }>(result).map((row) => row.id);
  }
}
