import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DrizzleContext } from '../../../../shared/infrastructure/db/drizzle-context.js';
import type { InvoicePageQuery, InvoiceRepository, InvoiceSummary } from '../../application/ports/invoice-repository.js';
import { Invoice, type InvoiceStatus } from '../../domain/entities/invoice.js';
import { InvoiceLine } from '../../domain/value-objects/invoice-line.js';
import { Money } from '../../domain/value-objects/money.js';
import { invoiceLines, invoices } from '../db/schema.js';

export class DrizzleInvoiceRepository implements InvoiceRepository {
  constructor(private readonly context: DrizzleContext) {}

  /** Expects to run inside the use case's transaction: the invoice and its lines land together. */
  async insert(invoice: Invoice): Promise<void> {
    const db = this.context.executor;
    const total = invoice.total;
    await db.insert(invoices).values({
      id: invoice.id,
      ownerId: invoice.ownerId,
      customerName: invoice.customerName,
      currency: total.currency,
      totalCents: total.amountCents,
      status: invoice.status,
      createdAt: invoice.createdAt,
      voidedAt: invoice.voidedAt,
    });
    await db.insert(invoiceLines).values(
      invoice.lines.map((line, position) => ({
        invoiceId: invoice.id,
        position,
        description: line.description,
        quantity: line.quantity,
        unitPriceCents: line.unitPrice.amountCents,
      })),
    );
  }

  async updateStatus(invoice: Invoice, expected: InvoiceStatus): Promise<boolean> {
    const updated = await this.context.executor
      .update(invoices)
      .set({ status: invoice.status, voidedAt: invoice.voidedAt })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, expected)))
      .returning({ id: invoices.id });
    return updated.length === 1;
  }

  async findById(id: string): Promise<Invoice | null> {
    const db = this.context.executor;
    const [row] = await db.select().from(invoices).where(eq(invoices.id, id)).limit(1);
    if (!row) return null;
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, id)).orderBy(asc(invoiceLines.position));
    return Invoice.restore({
      id: row.id,
      ownerId: row.ownerId,
      customerName: row.customerName,
      status: row.status,
      createdAt: row.createdAt,
      voidedAt: row.voidedAt,
      lines: lines.map((line) => InvoiceLine.create(line.description, line.quantity, Money.of(line.unitPriceCents, row.currency))),
    });
  }

  async listPage(query: InvoicePageQuery): Promise<InvoiceSummary[]> {
    const conditions: SQL[] = [];
    if (query.ownerId) conditions.push(eq(invoices.ownerId, query.ownerId));
    if (query.after) {
      // Row comparison matches the (created_at DESC, id DESC) index: a range scan, not an offset.
      conditions.push(
        sql`(${invoices.createdAt}, ${invoices.id}) < (${query.after.createdAt.toISOString()}::timestamptz, ${query.after.id}::uuid)`,
      );
    }
    return this.context.executor
      .select({
        id: invoices.id,
        ownerId: invoices.ownerId,
        customerName: invoices.customerName,
        status: invoices.status,
        totalCents: invoices.totalCents,
        currency: invoices.currency,
        createdAt: invoices.createdAt,
      })
      .from(invoices)
      .where(and(...conditions))
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(query.limit);
  }
}
