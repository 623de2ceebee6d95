import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A throwaway database on a shared PostgreSQL cluster. */
export interface PostgresTestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drop it WITH (FORCE), so leftover pooled connections do not block the drop. */
  drop(): Promise<void>;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is required by this suite but is not reachable at ${redact(adminUrl)} ` +
        `(${err instanceof Error ? err.message : String(err)}). Start PostgreSQL or set SOC_TEST_POSTGRES_URL.`,
      { cause: err },
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Create `soc_test_<random>` through the admin URL (a database such as `postgres` on the same
 * cluster). Unreachable servers fail loudly: CI always has PostgreSQL, so skipping would hide breakage.
 */
export async function createPostgresTestDatabase(adminUrl: string): Promise<PostgresTestDatabase> {
  const name = `soc_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
