import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/{{migration}}_{{module_snake}}.sql; the SQL file is the source of truth.
export const {{camelEntity}}Table = pgTable('{{entityPluralTable}}', {
  id: uuid('id').primaryKey(),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
