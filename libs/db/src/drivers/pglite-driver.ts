import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { MigrationConnection } from '../migrate/migration-connection';
import * as schema from '../schema';
import type { Driver, SocPgDatabase } from './driver';
import { PgliteWorkerClient } from './pglite-worker/pglite-worker-client';

/**
 * PGlite on disk, owned by a worker thread (see PgliteWorkerClient). drizzle's pglite driver
 * runs transactions through the client's `transaction()`, which holds the single session, so
 * concurrent `withTenant` calls queue instead of interleaving statements.
 */
export async function openPgliteDriver(dataDir: string): Promise<Driver> {
  await mkdir(dataDir, { recursive: true });
  const client = await PgliteWorkerClient.start(require.resolve('@electric-sql/pglite'), dataDir);
  // The worker client implements the part of PGlite's API drizzle calls (query, transaction).
  const db = drizzle({ client: client as unknown as PGlite, schema }) as unknown as SocPgDatabase;
  const conn: MigrationConnection = {
    async query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]> {
      return (await client.query(text, params)).rows as T[];
    },
    exec: (script) => client.exec(script),
  };
  return {
    kind: 'pglite',
    db,
    withMigrationConnection: (fn) => fn(conn),
    close: () => client.close(),
  };
}
