import { text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The tenant column every tenant-owned table carries. Its migration must also call
 * `soc_enable_tenant_rls('<table>')`, which turns on forced row-level security with the
 * standard fail-closed policy; the catalog check in the contract suite enforces that pairing.
 */
export const tenantIdColumn = () => text('tenant_id').notNull();

/**
 * Timestamps are stored with millisecond precision, the precision of a JS Date, so a value
 * read back equals the value written and keyset cursors built from it are exact.
 */
export const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
