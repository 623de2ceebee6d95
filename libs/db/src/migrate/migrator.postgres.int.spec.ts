import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Database } from '../database';
import { type PostgresTestDatabase, createPostgresTestDatabase } from '../testing/postgres-test-database';
import { DEFAULT_MIGRATIONS_DIR, loadMigrations } from './migration-files';

// Migrator cases that do not depend on the adapter, plus Postgres-only guarantees
// (concurrent migrators, a non-superuser login). Opening is cheap here, unlike PGlite.
const adminUrl = process.env['SOC_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('migrator on PostgreSQL', () => {
  let target: PostgresTestDatabase;
  let dir: string;
  // Versions shipped in migrations/, so adding a migration does not break these cases.
  let shipped: number[] = [];
  const pad = (v: number) => String(v).padStart(4, '0');
  const open = (migrationsDir = DEFAULT_MIGRATIONS_DIR) => Database.open({ kind: 'postgres', url: target.url, poolSize: 2 }, { migrationsDir });

  beforeAll(async () => {
    target = await createPostgresTestDatabase(adminUrl);
    dir = await mkdtemp(path.join(tmpdir(), 'soc-migrations-'));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    shipped = (await loadMigrations()).map((m) => m.version);
  });
  afterAll(async () => {
    await target?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serializes concurrent migrators with an advisory lock: each migration applies once', async () => {
    const dbs = await Promise.all([open(), open(), open()]);
    try {
      const applied = dbs.flatMap((d) => d.migrations.applied.map((a) => a.version)).sort((a, b) => a - b);
      expect(applied).toEqual(shipped);
      const rows = await withClient(target.url, async (c) => (await c.query('SELECT version FROM soc_schema_migrations ORDER BY 1')).rows);
      expect(rows).toEqual(shipped.map((version) => ({ version })));
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
    }
  });

  it('refuses a database that has a migration the code does not ship', async () => {
    const partial = await mkdtemp(path.join(tmpdir(), 'soc-migrations-'));
    try {
      await cp(path.join(dir, '0001_foundation.sql'), path.join(partial, '0001_foundation.sql'));
      await expect(open(partial)).rejects.toMatchObject({ code: 'SOC_ERR_DB_MIGRATION_UNKNOWN', details: { version: 2 } });
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  });

  it('applies a new migration once and rolls a failing one back entirely', async () => {
    // Past the highest shipped version: versions may have gaps while parallel branches land.
    const extra = Math.max(...shipped) + 1;
    await writeFile(path.join(dir, `${pad(extra)}_extra.sql`), 'CREATE TABLE soc_contract_extra (id int);');
    await writeFile(path.join(dir, `${pad(extra + 1)}_broken.sql`), 'CREATE TABLE soc_contract_half (id int);\nSELECT no_such_function();');
    await expect(open(dir)).rejects.toMatchObject({ code: 'SOC_ERR_DB_MIGRATION_FAILED', details: { version: extra + 1, sqlState: '42883' } });
    const tables = await withClient(target.url, async (c) =>
      (await c.query("SELECT relname FROM pg_class WHERE relname LIKE 'soc_contract_%' ORDER BY 1")).rows,
    );
    expect(tables).toEqual([{ relname: 'soc_contract_extra' }]);
    await rm(path.join(dir, `${pad(extra + 1)}_broken.sql`));
    const db = await open(dir);
    await db.close();
    expect(db.migrations).toEqual({ applied: [], alreadyApplied: shipped.length + 1 });
  });

  it('for a non-superuser login that is only a member of soc_app, the role switch is a real boundary', async () => {
    const login = `soc_test_login_${randomBytes(4).toString('hex')}`;
    await withClient(target.url, (c) => c.query(`CREATE ROLE ${login} LOGIN NOINHERIT; GRANT soc_app TO ${login}`));
    try {
      const u = new URL(target.url);
      u.username = login;
      await withClient(u.toString(), async (c) => {
        await c.query('SET ROLE soc_app');
        await expect(c.query('SET ROLE postgres')).rejects.toMatchObject({ code: '42501' });
        await c.query('RESET ROLE');
        // NOINHERIT: without SET ROLE the login holds no table privileges at all.
        await expect(c.query('SELECT id FROM dead_letters')).rejects.toMatchObject({ code: '42501' });
      });
    } finally {
      await withClient(target.url, (c) => c.query(`DROP OWNED BY ${login}; DROP ROLE ${login}`));
    }
  });

  it('reports an unreachable server as SOC_ERR_UNAVAILABLE', async () => {
    await expect(Database.open({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toMatchObject({
      code: 'SOC_ERR_UNAVAILABLE',
      retryable: true,
    });
  });
});
