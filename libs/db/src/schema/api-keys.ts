import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, timestampMs } from './columns';
import { tenants } from './tenants';

/**
 * API keys. `secretHash` is SHA-256 of the secret part; the runtime role has no SELECT on
 * that column, only the SECURITY DEFINER auth lookup returns it. Scopes narrow what the key's
 * user or role may do.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: timestampMs('created_at').notNull(),
    expiresAt: timestampMs('expires_at'),
    revokedAt: timestampMs('revoked_at'),
    lastUsedAt: timestampMs('last_used_at'),
    createdBy: text('created_by'),
    /** The user the key acts for (their role bindings), or null for a service key... */
    userId: text('user_id'),
    /** ...which holds this one role instead (migration 0008: exactly one of the two is set). */
    role: text('role'),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);
