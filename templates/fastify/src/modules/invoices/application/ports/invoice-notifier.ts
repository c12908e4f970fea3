import type { InvoiceEventPayload } from '../../domain/events/invoice-events.js';

/** How the customer hears about an invoice (email, webhook...). Slow and fallible: called from a job. */
export interface InvoiceNotifier {
  invoiceIssued(invoiceId: string, details: InvoiceEventPayload): Promise<void>;
}
