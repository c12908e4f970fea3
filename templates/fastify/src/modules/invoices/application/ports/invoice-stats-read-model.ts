import type { InvoiceStatsDto } from '../dtos/invoice-stats.dto.js';

/**
 * CQRS read side: a denormalised per-owner summary kept in its own table and refreshed from events,
 * so the dashboard query is one indexed read instead of an aggregate over every invoice.
 */
export interface InvoiceStatsReadModel {
  /** Recomputes the owner's rows from the write model: idempotent, so a retried job is harmless. */
  refresh(ownerId: string): Promise<void>;
  forOwner(ownerId: string): Promise<InvoiceStatsDto[]>;
}
