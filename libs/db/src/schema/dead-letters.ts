import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, timestampMs } from './columns';

/**
 * Records a pipeline stage rejected, with the reason. The id is deterministic (derived from
 * the rejected message), so a replay inserts nothing new. No foreign key to tenants: a dead
 * letter must be recordable even when its tenant is unknown, or it would be lost.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    tenantId: tenantIdColumn(),
    stage: text('stage').notNull(),
    topic: text('topic'),
    source: text('source'),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    original: jsonb('original'),
    originalTruncated: boolean('original_truncated').notNull(),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('dead_letters_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc())],
);
