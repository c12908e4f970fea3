import type { DomainEvent } from '../../../../shared/domain/domain-event.js';
import type { InvoiceEventPayload } from '../../domain/events/invoice-events.js';
import type { InvoiceNotifier } from '../ports/invoice-notifier.js';

export function notifyInvoiceIssued(notifier: InvoiceNotifier) {
  return (event: DomainEvent) => notifier.invoiceIssued(event.aggregateId, event.payload as InvoiceEventPayload);
}
