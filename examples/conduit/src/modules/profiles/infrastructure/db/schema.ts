import { pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

export const follows = pgTable(
  'follows',
  {
    followerId: uuid('follower_id').notNull(),
    followeeId: uuid('followee_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.followerId, table.followeeId] })],
);
