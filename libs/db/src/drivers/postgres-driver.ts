import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import type { MigrationConnection } from '../migrate/migration-connection';
import * as schema from '../schema';
import type { Driver, SocPgDatabase } from './driver';

/** Options for the node-postgres pool. */
export interface PostgresDriverOptions {
  readonly url: string;
  readonly poolSize: number;
  /** Errors of idle pooled connections (server restart); without a listener they would crash the process. */
  readonly onPoolError: (err: Error) => void;
}

/** PostgreSQL through a node-postgres pool. */
export function openPostgresDriver(opts: PostgresDriverOptions): Driver {
  const pool = new Pool({ connectionString: opts.url, max: opts.poolSize });
  pool.on('error', opts.onPoolError);
  const db = drizzle({ client: pool, schema }) as unknown as SocPgDatabase;
  return {
    kind: 'postgres',
    db,
    async withMigrationConnection<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const conn: MigrationConnection = {
        async query<R extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]> {
          const res = await client.query<R>(text, params ? [...params] : undefined);
          return res.rows;
        },
        async exec(script: string): Promise<void> {
          await client.query(script);
        },
      };
      let broken: Error | undefined;
      try {
        return await fn(conn);
      } catch (err) {
        // A session left inside a failed transaction must not go back into the pool.
        broken = err instanceof Error ? err : new Error(String(err));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
