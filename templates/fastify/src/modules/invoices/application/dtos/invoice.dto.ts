import type { Invoice } from '../../domain/entities/invoice.js';
import type { InvoiceSummary } from '../ports/invoice-repository.js';

export interface InvoiceLineDto {
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

export interface InvoiceDto {
  id: string;
  ownerId: string;
  customerName: string;
  status: string;
  currency: string;
  totalCents: number;
  lines: InvoiceLineDto[];
  createdAt: string;
  voidedAt: string | null;
}

export type InvoiceSummaryDto = Omit<InvoiceDto, 'lines' | 'voidedAt'>;

export function toInvoiceDto(invoice: Invoice): InvoiceDto {
  const total = invoice.total;
  return {
    id: invoice.id,
    ownerId: invoice.ownerId,
    customerName: invoice.customerName,
    status: invoice.status,
    currency: total.currency,
    totalCents: total.amountCents,
    lines: invoice.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPriceCents: line.unitPrice.amountCents,
      totalCents: line.total.amountCents,
    })),
    createdAt: invoice.createdAt.toISOString(),
    voidedAt: invoice.voidedAt?.toISOString() ?? null,
  };
}

export function toInvoiceSummaryDto(summary: InvoiceSummary): InvoiceSummaryDto {
  return { ...summary, createdAt: summary.createdAt.toISOString() };
}
