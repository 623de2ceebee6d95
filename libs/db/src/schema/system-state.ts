import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampMs } from './columns';

/** Cluster-wide key/value markers (bootstrap done, versions). Reached only through `db.system`. */
export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestampMs('updated_at').notNull(),
});
