import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { ManualClock } from '@soc/contracts';
import type { Database, DatabaseOptions } from '../database';
import { DEFAULT_MIGRATIONS_DIR } from '../migrate/migration-files';
import { generateApiKey } from '../repositories/api-key-format';

/**
 * Keys issued before migration 0008 (scopes only, no role) keep working after it, with the
 * role their scopes imply: admin scope -> owner (the bootstrap key), anything else -> admin.
 * `open` opens the same empty store each time, with the given migrations directory.
 */
export function identityUpgradeSuite(open: (opts: DatabaseOptions) => Promise<Database>): void {
  let before = '';
  const clock = new ManualClock(Date.UTC(2026, 3, 1));
  beforeAll(async () => {
    before = await mkdtemp(path.join(tmpdir(), 'soc-before-0008-'));
    for (const f of await readdir(DEFAULT_MIGRATIONS_DIR)) {
      if (/^\d{4}_.*\.sql$/.test(f) && Number(f.slice(0, 4)) < 8) await cp(path.join(DEFAULT_MIGRATIONS_DIR, f), path.join(before, f));
    }
  });
  afterAll(() => rm(before, { recursive: true, force: true }));

  it('maps scope-only keys to roles, and they still authenticate with the same reach', async () => {
    const keys = { bootstrap: generateApiKey(), reader: generateApiKey(), ingester: generateApiKey() };
    const scopes = { bootstrap: ['admin', 'ingest', 'read'], reader: ['read'], ingester: ['ingest'] };
    const old = await open({ clock, migrationsDir: before });
    try {
      expect(old.migrations.applied.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      await old.system.createTenant({ id: 'default', name: 'Default' });
      await old.withTenant('default', async (tx) => {
        for (const [name, k] of Object.entries(keys)) {
          const s = `{${scopes[name as keyof typeof scopes].join(',')}}`;
          await tx.execute(sql`INSERT INTO api_keys (id, tenant_id, name, prefix, secret_hash, scopes, created_at)
                               VALUES (${name}, 'default', ${name}, ${k.prefix}, ${k.secretHash}, ${s}::text[], now())`);
        }
      });
    } finally {
      await old.close();
    }
    const db = await open({ clock });
    try {
      expect(db.migrations.applied.map((m) => m.version)).toContain(8);
      const roles = Object.fromEntries((await db.apiKeys.list('default')).map((k) => [k.name, [k.role, k.userId]]));
      expect(roles).toEqual({ bootstrap: ['owner', null], reader: ['admin', null], ingester: ['admin', null] });
      expect(await db.apiKeys.authenticate(keys.bootstrap.plaintext)).toMatchObject({ tenantId: 'default', roles: ['owner'], scopes: ['admin', 'ingest', 'read'] });
      expect(await db.apiKeys.authenticate(keys.reader.plaintext)).toMatchObject({ roles: ['admin'], scopes: ['read'] });
      expect(await db.apiKeys.authenticate(keys.ingester.plaintext)).toMatchObject({ roles: ['admin'], scopes: ['ingest'] });
    } finally {
      await db.close();
    }
  });
}
