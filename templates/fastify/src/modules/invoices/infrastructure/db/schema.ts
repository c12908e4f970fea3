import { bigint, char, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0002_invoices.sql; the SQL file is the source of truth for the database.
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id').notNull(),
    customerName: text('customer_name').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['open', 'void'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (table) => [index('invoices_owner_keyset_idx').on(table.ownerId, table.createdAt, table.id)],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: bigint('unit_price_cents', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.invoiceId, table.position] })],
);
