import type { DomainEvent } from '../../../../shared/domain/domain-event.js';
import type { InvoiceEventPayload } from '../../domain/events/invoice-events.js';
import type { InvoiceStatsReadModel } from '../ports/invoice-stats-read-model.js';

/** Keeps the read model in step with issued and voided invoices. */
export function projectInvoiceStats(readModel: InvoiceStatsReadModel) {
  return (event: DomainEvent) => readModel.refresh((event.payload as InvoiceEventPayload).ownerId);
}
