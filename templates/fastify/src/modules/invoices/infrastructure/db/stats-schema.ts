import { bigint, char, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0003_invoice_stats.sql.
export const invoiceStats = pgTable(
  'invoice_stats',
  {
    ownerId: uuid('owner_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    openCount: integer('open_count').notNull(),
    voidCount: integer('void_count').notNull(),
    outstandingCents: bigint('outstanding_cents', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.ownerId, table.currency] })],
);
