import type { Cursor } from '../../../../shared/application/pagination.js';
import type { Invoice, InvoiceStatus } from '../../domain/entities/invoice.js';

/** A list row: what a page of invoices needs, without loading every line. */
export interface InvoiceSummary {
  id: string;
  ownerId: string;
  customerName: string;
  status: InvoiceStatus;
  totalCents: number;
  currency: string;
  createdAt: Date;
}

export interface InvoicePageQuery {
  /** Restricts the page to one owner; omitted only for administrators. */
  ownerId?: string;
  limit: number;
  after?: Cursor;
}

export interface InvoiceRepository {
  insert(invoice: Invoice): Promise<void>;
  /** Persists a status change. Returns false when the row changed underneath (lost update). */
  updateStatus(invoice: Invoice, expected: InvoiceStatus): Promise<boolean>;
  findById(id: string): Promise<Invoice | null>;
  /** Newest first, ordered by (createdAt, id) so equal timestamps still page deterministically. */
  listPage(query: InvoicePageQuery): Promise<InvoiceSummary[]>;
}
