import { asc, eq, sql } from 'drizzle-orm';
import type { DrizzleContext } from '../../../../shared/infrastructure/db/drizzle-context.js';
import type { InvoiceStatsDto } from '../../application/dtos/invoice-stats.dto.js';
import type { InvoiceStatsReadModel } from '../../application/ports/invoice-stats-read-model.js';
import { invoiceStats } from '../db/stats-schema.js';

export class DrizzleInvoiceStatsReadModel implements InvoiceStatsReadModel {
  constructor(private readonly context: DrizzleContext) {}

  async refresh(ownerId: string): Promise<void> {
    // Recomputed from the source rows rather than incremented, so replays and retries converge.
    await this.context.executor.execute(sql`
      INSERT INTO invoice_stats (owner_id, currency, open_count, void_count, outstanding_cents)
      SELECT owner_id, currency,
             count(*) FILTER (WHERE status = 'open'),
             count(*) FILTER (WHERE status = 'void'),
             coalesce(sum(total_cents) FILTER (WHERE status = 'open'), 0)
      FROM invoices WHERE owner_id = ${ownerId}::uuid
      GROUP BY owner_id, currency
      ON CONFLICT (owner_id, currency) DO UPDATE SET
        open_count = EXCLUDED.open_count,
        void_count = EXCLUDED.void_count,
        outstanding_cents = EXCLUDED.outstanding_cents`);
  }

  async forOwner(ownerId: string): Promise<InvoiceStatsDto[]> {
    const rows = await this.context.executor
      .select()
      .from(invoiceStats)
      .where(eq(invoiceStats.ownerId, ownerId))
      .orderBy(asc(invoiceStats.currency));
    return rows.map(({ currency, openCount, voidCount, outstandingCents }) => ({ currency, openCount, voidCount, outstandingCents }));
  }
}
