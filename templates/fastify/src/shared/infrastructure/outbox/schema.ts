import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0004_outbox.sql.
export const outboxEvents = pgTable('outbox_events', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  event: jsonb('event').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
});
