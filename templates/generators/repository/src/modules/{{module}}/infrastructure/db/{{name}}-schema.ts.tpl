import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/{{migration}}_{{name_snake}}.sql; the SQL file is the source of truth.
export const {{camelName}}Table = pgTable('{{namePluralTable}}', {
  id: uuid('id').primaryKey(),
  label: text('label').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
