import type { InvoicePageQuery, InvoiceRepository, InvoiceSummary } from '../../src/modules/invoices/application/ports/invoice-repository.js';
import { Invoice, type InvoiceStatus } from '../../src/modules/invoices/domain/entities/invoice.js';

/** Keeps aggregates by id and pages like the SQL adapter: (createdAt, id) descending. */
export class InMemoryInvoices implements InvoiceRepository {
  readonly rows = new Map<string, Invoice>();
  reads = 0;

  async insert(invoice: Invoice) {
    this.rows.set(invoice.id, invoice);
  }
  async updateStatus(invoice: Invoice, expected: InvoiceStatus) {
    const stored = this.rows.get(invoice.id);
    if (!stored || (stored !== invoice && stored.status !== expected)) return false;
    this.rows.set(invoice.id, invoice);
    return true;
  }
  async findById(id: string) {
    this.reads += 1;
    const stored = this.rows.get(id);
    // A copy, as a database would return: mutations are visible only after updateStatus.
    return stored ? Invoice.restore({ id: stored.id, ownerId: stored.ownerId, customerName: stored.customerName, lines: stored.lines, status: stored.status, createdAt: stored.createdAt, voidedAt: stored.voidedAt }) : null;
  }
  async listPage(query: InvoicePageQuery): Promise<InvoiceSummary[]> {
    const key = (invoice: { createdAt: Date; id: string }) => `${invoice.createdAt.toISOString()}|${invoice.id}`;
    return [...this.rows.values()]
      .filter((invoice) => !query.ownerId || invoice.ownerId === query.ownerId)
      .filter((invoice) => !query.after || key(invoice) < key(query.after))
      .sort((a, b) => (key(a) < key(b) ? 1 : -1))
      .slice(0, query.limit)
      .map((invoice) => ({
        id: invoice.id,
        ownerId: invoice.ownerId,
        customerName: invoice.customerName,
        status: invoice.status,
        totalCents: invoice.total.amountCents,
        currency: invoice.total.currency,
        createdAt: invoice.createdAt,
      }));
  }
}
