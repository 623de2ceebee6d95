import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '@soc/contracts';
import { Database } from '../database';
import { DEFAULT_MIGRATIONS_DIR } from '../migrate/migration-files';
import { AUDIT_GENESIS_HASH, type AuditHashInput, auditCanonicalText, auditHash } from './audit-chain';
import { type NewAuditEvent, appendAudit } from './audit-repository';
import { DrizzleAuditRepository } from './drizzle-audit-repository';

const base: AuditHashInput = {
  seq: 1,
  id: 'id-1',
  tenantId: 'acme',
  actor: 'a|b',
  action: 'x.y.z',
  targetType: 't',
  targetId: 'c',
  reason: null,
  detailsText: '{}',
  at: new Date(Date.UTC(2026, 0, 1)),
  prevHash: AUDIT_GENESIS_HASH,
};

describe('audit canonical text', () => {
  it('frames fields by UTF-8 length, so shifting a separator or nulling a reason changes the hash', () => {
    expect(auditCanonicalText({ ...base, actor: 'é' })).toContain('|2:é|');
    expect(auditHash({ ...base, actor: 'a', targetType: 'b|t' })).not.toBe(auditHash(base));
    expect(auditHash({ ...base, reason: '' })).not.toBe(auditHash(base));
    expect(auditCanonicalText(base)).toBe(
      `soc.audit.v1|1|4:id-1|4:acme|3:a|b|5:x.y.z|1:t|1:c|~|2:{}|2026-01-01T00:00:00.000Z|${AUDIT_GENESIS_HASH}`,
    );
  });
});

describe('migration 0005 on a store that already holds audit records', () => {
  it('chains the existing records so that verify passes and new records continue the chain', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'soc-audit-backfill-'));
    const oldMigrations = await mkdtemp(path.join(tmpdir(), 'soc-migrations-0004-'));
    await cp(DEFAULT_MIGRATIONS_DIR, oldMigrations, { recursive: true, filter: (src) => !/0005_audit_chain\.sql$/.test(src) });
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const ev = (i: number): NewAuditEvent => ({ actor: 'k', action: 'case.note.added', targetType: 't', targetId: `t-${i}`, details: { i, é: 'ü' } });
    try {
      const before = await Database.open({ kind: 'pglite', dataDir }, { clock, migrationsDir: oldMigrations });
      await before.tenants.create({ id: 'acme', name: 'A' });
      await before.tenants.create({ id: 'globex', name: 'G' });
      for (const t of ['acme', 'globex']) await before.withTenant(t, (tx) => appendAudit(tx, t, new Date(clock.now()), [ev(1), ev(2), ev(3)]));
      await before.close();

      const after = await Database.open({ kind: 'pglite', dataDir }, { clock });
      try {
        expect(after.migrations.applied.map((m) => m.version)).toEqual([5]);
        const audit = new DrizzleAuditRepository(after);
        await after.withTenant('acme', (tx) => appendAudit(tx, 'acme', new Date(clock.now()), [ev(4)]));
        expect(await audit.verifyChain('acme')).toMatchObject({ ok: true, checked: 4, lastSeq: 4 });
        expect(await audit.verifyChain('globex')).toMatchObject({ ok: true, checked: 3 });
        expect((await audit.list('globex'))[0]?.prevHash).toBe(AUDIT_GENESIS_HASH);
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(oldMigrations, { recursive: true, force: true });
    }
  }, 120_000);
});
