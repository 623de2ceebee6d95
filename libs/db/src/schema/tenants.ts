import { type AnyPgColumn, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampMs } from './columns';

/** A tenant. `parentTenantId` lets an MSSP parent hold child tenants later. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  parentTenantId: text('parent_tenant_id').references((): AnyPgColumn => tenants.id),
  createdAt: timestampMs('created_at').notNull(),
});
