import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { MigrationConnection } from '../migrate/migration-connection';
import * as schema from '../schema';
import type { Driver, SocPgDatabase } from './driver';

/**
 * PGlite on disk. PGlite is one session: its `transaction()` holds an exclusive lock, and
 * drizzle's pglite driver runs transactions through it, so concurrent `withTenant` calls
 * queue instead of interleaving statements in one transaction.
 */
export async function openPgliteDriver(dataDir: string): Promise<Driver> {
  await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema }) as unknown as SocPgDatabase;
  const conn: MigrationConnection = {
    async query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]> {
      const res = await client.query<T>(text, params ? [...params] : undefined);
      return res.rows;
    },
    async exec(script: string): Promise<void> {
      await client.exec(script);
    },
  };
  return {
    kind: 'pglite',
    db,
    withMigrationConnection: (fn) => fn(conn),
    close: () => client.close(),
  };
}
