import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, loadMigrations } from '../migrate/migration-files';
import { type ContractContext, expectCode } from './contract-context';

/**
 * Migration idempotency and tamper refusal (the migrator's other cases are adapter-independent
 * and run on Postgres only, where opening is cheap: migrator.postgres.int.spec.ts). Runs last: it closes the suite's handle (PGlite
 * allows one open handle per data directory) and leaves it closed.
 */
export function migrationsContract(ctx: ContractContext): void {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'soc-migrations-'));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('use after close fails with SOC_ERR_DB_CLOSED', async () => {
    await ctx.db().close();
    await expectCode(ctx.db().deadLetters.list('acme'), 'SOC_ERR_DB_CLOSED');
    await expectCode(ctx.db().tenants.list(), 'SOC_ERR_DB_CLOSED');
  });

  it('reopening applies nothing and keeps the data', async () => {
    const again = await ctx.harness.open({ clock: ctx.clock, migrationsDir: dir });
    try {
      expect(again.migrations.applied).toEqual([]);
      expect(again.migrations.alreadyApplied).toBe((await loadMigrations()).length);
      expect((await again.tenants.list()).map((t) => t.id)).toEqual(['acme', 'acme-kid', 'globex']);
    } finally {
      await again.close();
    }
  });

  it('refuses to start when an applied migration was edited', async () => {
    const file = path.join(dir, '0002_api_keys.sql');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\n-- an innocent-looking edit\n`);
    try {
      await expect(ctx.harness.open({ clock: ctx.clock, migrationsDir: dir })).rejects.toMatchObject({
        code: 'SOC_ERR_DB_MIGRATION_TAMPERED',
        details: { version: 2 },
      });
    } finally {
      await writeFile(file, original);
    }
  });
}
