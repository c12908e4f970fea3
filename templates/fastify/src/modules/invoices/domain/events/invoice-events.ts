import type { DomainEvent } from '../../../../shared/domain/domain-event.js';

export const INVOICE_ISSUED = 'invoices.invoice-issued';
export const INVOICE_VOIDED = 'invoices.invoice-voided';

export interface InvoiceEventPayload {
  ownerId: string;
  customerName: string;
  totalCents: number;
  currency: string;
}

export type InvoiceIssued = DomainEvent<typeof INVOICE_ISSUED, InvoiceEventPayload>;
export type InvoiceVoided = DomainEvent<typeof INVOICE_VOIDED, InvoiceEventPayload>;
