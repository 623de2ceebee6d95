import { foreignKey, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, timestampMs } from './columns';

/** People, each in one home tenant; what they may do lives in `roleBindings` (migration 0008). */
export const users = pgTable(
  'users',
  {
    tenantId: tenantIdColumn(),
    id: text('id').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    createdAt: timestampMs('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    disabledAt: timestampMs('disabled_at'),
    disabledBy: text('disabled_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** (tenant, user, role); a revoked binding is kept as history, at most one active per role. */
export const roleBindings = pgTable(
  'role_bindings',
  {
    tenantId: tenantIdColumn(),
    id: text('id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    grantedBy: text('granted_by').notNull(),
    createdAt: timestampMs('created_at').notNull(),
    revokedAt: timestampMs('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] })],
);
