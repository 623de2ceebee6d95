import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { MigrationConnection } from '../migrate/migration-connection';
import type * as schema from '../schema';

/** The drizzle schema object this library queries with. */
export type SocSchema = typeof schema;

/** A drizzle database over either driver; only the query-result type differs between them. */
export type SocPgDatabase = PgDatabase<PgQueryResultHKT, SocSchema>;

/** The transaction handed to `withTenant` callbacks: RLS-bound to one tenant, role soc_app. */
export type TenantTx = PgTransaction<PgQueryResultHKT, SocSchema, ExtractTablesWithRelations<SocSchema>>;

/** What `Database` needs from a driver: a drizzle handle, one raw session for migrations, close. */
export interface Driver {
  readonly kind: 'pglite' | 'postgres';
  readonly db: SocPgDatabase;
  /** Run `fn` on one dedicated session (advisory locks and BEGIN/COMMIT are per session). */
  withMigrationConnection<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
