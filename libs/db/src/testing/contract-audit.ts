import { sql } from 'drizzle-orm';
import type { TenantTx } from '../drivers/driver';
import { AUDIT_GENESIS_HASH } from '../detection/audit-chain';
import { type AuditEvent, type NewAuditEvent, appendAudit } from '../detection/audit-repository';
import { DrizzleAuditRepository } from '../detection/drizzle-audit-repository';
import { rowsOf } from '../scope-runner';
import { type ContractContext, expectCode } from './contract-context';

type Row = Record<string, unknown>;

/**
 * The audit hash chain: links, independent verification, tamper detection, append-only
 * refusal for soc_app and for the owner. Tenants `acme` and `globex` exist and may already
 * hold records from other sections; every tamper here is undone in the same test.
 */
export function auditContract(ctx: ContractContext): void {
  const audit = () => new DrizzleAuditRepository(ctx.db());
  const append = (tenant: string, events: NewAuditEvent[]) =>
    ctx.db().withTenant(tenant, (tx) => appendAudit(tx, tenant, new Date(ctx.clock.now()), events));
  const all = async (tenant: string): Promise<AuditEvent[]> => {
    const out: AuditEvent[] = [];
    for await (const e of audit().iterate(tenant)) out.push(e);
    return out;
  };
  /** As the session user (the owner, a superuser in tests), optionally with triggers off. */
  const asOwner = <T>(tenant: string, triggersOff: boolean, fn: (tx: TenantTx) => Promise<T>): Promise<T> =>
    ctx.db().withTenant(tenant, async (tx) => {
      await tx.execute(sql`SELECT set_config('role', session_user, true)`);
      if (triggersOff) await tx.execute(sql`SELECT set_config('session_replication_role', 'replica', true)`);
      return fn(tx);
    });
  const ev = (i: number, over: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
    actor: i % 2 === 0 ? 'key-audit-1' : 'user:ann|admin',
    action: i % 2 === 0 ? 'case.note.added' : 'case.sla.changed',
    targetType: 'audit_test',
    targetId: `t-${i}`,
    reason: i % 3 === 0 ? null : `reason ${i} with | and \n newline`,
    details: { z: i, a: { nested: ['x', 1.5, true, null] }, text: 'héllo "quoted" \\ 🛡️', i },
    ...over,
  });

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(1234);
      await append('acme', [ev(i)]);
    }
    await append('acme', [ev(5), ev(6), ev(7)]);
    await append('globex', [ev(8)]);
  });

  it('links every record to its predecessor from 64 zeros, one chain per tenant', async () => {
    for (const t of ['acme', 'globex']) {
      const rows = await all(t);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]?.prevHash).toBe(AUDIT_GENESIS_HASH);
      rows.forEach((r, i) => {
        expect(r.tenantId).toBe(t);
        expect(r.seq).toBe(i + 1);
        expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
        if (i > 0) expect(r.prevHash).toBe(rows[i - 1]?.hash);
      });
      expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    }
  });

  it('verify recomputes every hash outside the database and agrees', async () => {
    for (const t of ['acme', 'globex']) {
      const rows = await all(t);
      const last = rows[rows.length - 1] as AuditEvent;
      expect(await audit().verifyChain(t)).toEqual({ ok: true, checked: rows.length, lastSeq: last.seq, lastHash: last.hash });
    }
  });

  it('a record edited in place (trigger bypassed) breaks verify at that record; other tenants unaffected', async () => {
    const target = (await audit().list('acme', { targetId: 't-2' }))[0] as AuditEvent;
    const edit = (details: string) =>
      asOwner('acme', true, (tx) => tx.execute(sql`UPDATE audit_events SET details = ${details}::jsonb WHERE id = ${target.id}`));
    const original = JSON.stringify(target.details);
    await edit(JSON.stringify({ ...target.details, z: 999 }));
    try {
      expect(await audit().verifyChain('acme')).toEqual({ ok: false, checked: target.seq, brokenAt: { seq: target.seq, id: target.id, reason: 'hash-mismatch' } });
      expect(await audit().verifyChain('globex')).toMatchObject({ ok: true });
    } finally {
      await edit(original);
    }
    expect(await audit().verifyChain('acme')).toMatchObject({ ok: true });
  });

  it('a record with a rewritten hash breaks the next link; a removed record leaves a seq gap', async () => {
    const [a, b] = await audit().list('acme', { targetId: 't-3' }).then(async (r) => [r[0], (await audit().list('acme', { afterSeq: r[0]?.seq, limit: 1 }))[0]] as AuditEvent[]);
    if (!a || !b) throw new Error('fixture records missing');
    const setHash = (h: string) => asOwner('acme', true, (tx) => tx.execute(sql`UPDATE audit_events SET hash = ${h} WHERE id = ${a.id}`));
    await setHash('f'.repeat(64));
    try {
      expect(await audit().verifyChain('acme')).toMatchObject({ ok: false, brokenAt: { seq: a.seq, reason: 'hash-mismatch' } });
    } finally {
      await setHash(a.hash);
    }
    const saved = await asOwner('acme', false, async (tx) => rowsOf<Row>(await tx.execute(sql`SELECT * FROM audit_events WHERE id = ${a.id}`)));
    expect(saved).toHaveLength(1);
    await asOwner('acme', true, (tx) => tx.execute(sql`DELETE FROM audit_events WHERE id = ${a.id}`));
    try {
      expect(await audit().verifyChain('acme')).toEqual({ ok: false, checked: a.seq, brokenAt: { seq: b.seq, id: b.id, reason: 'seq-gap' } });
    } finally {
      await asOwner('acme', true, (tx) =>
        tx.execute(sql`INSERT INTO audit_events SELECT * FROM jsonb_populate_record(NULL::audit_events, ${JSON.stringify(saved[0])}::jsonb)`),
      );
    }
    expect(await audit().verifyChain('acme')).toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE for soc_app and for the owner', async () => {
    const raw = (stmt: string) => ctx.db().withTenant('acme', (tx) => tx.execute(sql.raw(stmt)));
    const owner = (stmt: string) => asOwner('acme', false, (tx) => tx.execute(sql.raw(stmt)));
    for (const stmt of ["UPDATE audit_events SET reason = 'x'", 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
      await expectCode(raw(stmt), 'SOC_ERR_DB_ACCESS_DENIED');
      await expect(owner(stmt)).rejects.toMatchObject({ code: 'SOC_ERR_DB_ACCESS_DENIED', details: { sqlState: '42501' } });
    }
    // The owner is stopped by the trigger, not by a missing grant: its message names the rule.
    const messages: string[] = [];
    for (let e: unknown = await owner("UPDATE audit_events SET reason = 'x'").catch((x: unknown) => x); e instanceof Error; e = e.cause) messages.push(e.message);
    expect(messages.join(' / ')).toMatch(/audit_events is append-only: UPDATE refused/);
    expect(await audit().verifyChain('acme')).toMatchObject({ ok: true });
  });

  it('lists with filters, pages with a cursor, and iterates everything', async () => {
    const mine = await audit().list('acme', { targetType: 'audit_test', limit: 1000 });
    expect(mine.map((e) => e.targetId)).toEqual(['t-0', 't-1', 't-2', 't-3', 't-4', 't-5', 't-6', 't-7']);
    expect((await audit().list('acme', { actor: 'user:ann|admin', targetType: 'audit_test' })).map((e) => e.targetId)).toEqual(['t-1', 't-3', 't-5', 't-7']);
    expect((await audit().list('acme', { action: 'case.note.added', targetType: 'audit_test' })).map((e) => e.targetId)).toEqual(['t-0', 't-2', 't-4', 't-6']);
    const t1 = (mine[1] as AuditEvent).at;
    const t3 = (mine[3] as AuditEvent).at;
    expect((await audit().list('acme', { targetType: 'audit_test', from: t1, to: t3 })).map((e) => e.targetId)).toEqual(['t-1', 't-2']);
    expect(await audit().list('globex', { targetId: 't-0' })).toEqual([]);

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit().page('acme', { targetType: 'audit_test', limit: 3, ...(cursor ? { cursor } : {}) });
      paged.push(...page.items.map((e) => e.targetId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(mine.map((e) => e.targetId));
    await expectCode(audit().page('acme', { cursor: 'bogus' }), 'SOC_ERR_CURSOR_INVALID');
    await expectCode(audit().list('acme', { limit: 0 }), 'SOC_ERR_VALIDATION');
    expect((await all('acme')).map((e) => e.seq)).toEqual((await audit().list('acme', { limit: 1000 })).map((e) => e.seq));
  });
}
