import { asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Logger } from '../../application/ports/logger.js';
import { withTimeout } from '../../application/with-timeout.js';
import type { DomainEvent } from '../../domain/domain-event.js';
import type { DrizzleContext } from '../db/drizzle-context.js';
import { outboxEvents } from './schema.js';

/** Long enough for one delivery; a relay that crashed mid-batch holds its rows no longer than this. */
const LEASE_SECONDS = 30;

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize: number;
  /** Bound on one delivery (an enqueue): a Redis that stops answering delays events, never blocks the relay. */
  deliverTimeoutMs: number;
}

/**
 * Moves outbox rows to their destination (the job queue, or the handlers inline), oldest first,
 * deleting each once delivered. Rows are claimed with SKIP LOCKED and a lease, so several instances
 * relay side by side without delivering a row twice at once; a failed delivery stays for the next
 * pass. Delivery is at least once: handlers are idempotent.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private passes: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private failing = false;

  constructor(
    private readonly context: DrizzleContext,
    private readonly deliver: (event: DomainEvent) => Promise<void>,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    const tick = async () => {
      try {
        await this.flush();
        if (this.failing) this.logger.info({}, 'outbox relay recovered');
        this.failing = false;
      } catch (error) {
        // Logged once per outage, not on every poll.
        if (!this.failing) this.logger.warn({ err: error }, 'outbox relay cannot read the outbox; retrying');
        this.failing = true;
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs).unref();
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  /** Delivers what is pending now. Passes never overlap, so callers may flush at any time. */
  async flush(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const pass = this.passes.then(() => this.pass());
      this.passes = pass.catch(() => undefined);
      const result = await pass;
      delivered += result.delivered;
      if (!result.more) return delivered;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.passes;
  }

  /**
   * Claims a batch in a short transaction, then delivers outside it: a delivery that itself writes
   * to the database (inline handlers) or waits on Redis never holds a transaction open.
   */
  private async pass(): Promise<{ delivered: number; more: boolean }> {
    const rows = await this.context.transaction(async () => {
      const db = this.context.executor;
      const due = await db
        .select()
        .from(outboxEvents)
        .where(or(isNull(outboxEvents.claimedUntil), lt(outboxEvents.claimedUntil, sql`now()`)))
        .orderBy(asc(outboxEvents.createdAt), asc(outboxEvents.id))
        .limit(this.options.batchSize)
        .for('update', { skipLocked: true });
      if (due.length > 0) {
        await db
          .update(outboxEvents)
          .set({ claimedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
          .where(inArray(outboxEvents.id, due.map((row) => row.id)));
      }
      return due;
    });
    const db = this.context.executor;
    const delivered: string[] = [];
    for (const row of rows) {
      try {
        const event: DomainEvent = { ...(row.event as DomainEvent), id: row.id };
        await withTimeout(this.deliver(event), this.options.deliverTimeoutMs, `delivering ${row.name}`);
        delivered.push(row.id);
      } catch (error) {
        // Once per event and then every 50th attempt: an outage must not flood the log at the poll rate.
        if (row.attempts % 50 === 0) this.logger.warn({ err: error, event: row.name, attempts: row.attempts + 1 }, 'outbox delivery failed; it stays for the next pass');
        await db.update(outboxEvents).set({ attempts: sql`${outboxEvents.attempts} + 1` }).where(eq(outboxEvents.id, row.id));
        break;
      }
    }
    if (delivered.length > 0) await db.delete(outboxEvents).where(inArray(outboxEvents.id, delivered));
    const undelivered = rows.filter((row) => !delivered.includes(row.id)).map((row) => row.id);
    if (undelivered.length > 0) await db.update(outboxEvents).set({ claimedUntil: null }).where(inArray(outboxEvents.id, undelivered));
    return { delivered: delivered.length, more: undelivered.length === 0 && rows.length === this.options.batchSize };
  }
}
