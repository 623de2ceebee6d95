import { sql } from 'drizzle-orm';
import type { NewAlert } from '../detection/alert-repository';
import { DrizzleAlertRepository } from '../detection/drizzle-alert-repository';
import { DrizzleAuditRepository } from '../detection/drizzle-audit-repository';
import { rowsOf } from '../scope-runner';
import { type ContractContext, expectCode } from './contract-context';

/** Alert idempotency, later sightings, filters, paging and isolation. Tenants `acme` and `globex` exist. */
export function alertsContract(ctx: ContractContext): void {
  const repo = () => new DrizzleAlertRepository(ctx.db(), ctx.clock);
  const base = Date.UTC(2026, 4, 1);
  const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
  const make = (i: number, over: Partial<NewAlert> = {}): NewAlert => ({
    id: `alert-${String(i).padStart(3, '0')}`,
    kind: i % 5 === 0 ? 'correlation' : 'rule',
    ruleId: `rule-${i % 3}`,
    ruleVersion: '1',
    origin: 'native',
    title: i % 4 === 0 ? `Password spray from ${i}` : `Suspicious process ${i}`,
    level: LEVELS[i % 4] ?? 'low',
    // Pairs share a time so paging must break ties on id.
    time: new Date(base + Math.floor(i / 2) * 1000),
    firstSeen: new Date(base + Math.floor(i / 2) * 1000 - 500),
    lastSeen: new Date(base + Math.floor(i / 2) * 1000),
    count: 2,
    techniques: i % 2 === 0 ? ['T1110.003'] : ['T1059.001', 'T1204'],
    tactics: ['credential-access'],
    entities: [{ type: 'user', value: `u${i}`, path: 'actor.user.name' }],
    evidence: [{ eventId: `ev-${i}-a` }, { eventId: `ev-${i}-b` }],
    finding: { class_uid: 2004, finding_info: { uid: `alert-${i}` } },
    ...over,
  });

  it('inserts idempotently; a later sighting extends the alert, a replay or older record does not', async () => {
    const a = make(900, { id: 'idem-1' });
    expect(await repo().insertMany('acme', [a, make(901, { id: 'idem-2' })])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await repo().insertMany('acme', [a])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const later = { ...a, lastSeen: new Date(a.lastSeen.getTime() + 5000), firstSeen: new Date(a.firstSeen.getTime() + 100), count: 7, evidence: [{ eventId: 'ev-new' }] };
    expect(await repo().insertMany('acme', [later])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await repo().insertMany('acme', [a])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const stored = await repo().get('acme', 'idem-1');
    expect(stored).toMatchObject({ count: 7, evidenceEventIds: ['ev-new'], status: 'new', tenantId: 'acme', severityId: 2, title: a.title });
    expect(stored?.firstSeen).toEqual(a.firstSeen);
    expect(stored?.lastSeen).toEqual(later.lastSeen);
    // Two records with one id in one batch: the later one wins, no "affect row twice" error.
    const twice = await repo().insertMany('acme', [make(902, { id: 'idem-3', count: 3 }), make(902, { id: 'idem-3', count: 9 })]);
    expect(twice).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect((await repo().get('acme', 'idem-3'))?.count).toBe(9);
    expect((await repo().getMany('acme', ['idem-3', 'missing', 'idem-1', 'idem-3'])).map((x) => x.id)).toEqual(['idem-3', 'idem-1']);
    expect(await repo().getMany('globex', ['idem-1'])).toEqual([]);
    expect(await repo().getMany('acme', [])).toEqual([]);
    await expectCode(repo().getMany('acme', Array.from({ length: 1001 }, (_, i) => `x${i}`)), 'SOC_ERR_VALIDATION');
  });

  it('audits each newly raised alert once, in batch order, in the same transaction; sightings and replays add nothing', async () => {
    const trail = async (): Promise<unknown[]> =>
      (await new DrizzleAuditRepository(ctx.db()).list('acme', { action: 'alert.raised', limit: 1000 })).filter((e) => e.targetId.startsWith('raise-')).map((e) => [e.actor, e.targetId, e.details]);
    const first = make(910, { id: 'raise-b', evidenceEventIds: ['e1', 'e2', 'e3'] });
    await repo().insertMany('acme', [first, make(911, { id: 'raise-a', suppressedBy: 'exception-7' })]);
    await repo().insertMany('acme', [{ ...first, lastSeen: new Date(first.lastSeen.getTime() + 1000), count: 5 }, first]);
    expect(await trail()).toEqual([
      ['system:detection', 'raise-b', { kind: 'correlation', ruleId: 'rule-1', level: 'high', evidence: 3 }],
      ['system:detection', 'raise-a', { kind: 'rule', ruleId: 'rule-2', level: 'critical', evidence: 2, suppressedBy: 'exception-7' }],
    ]);
    await expectCode(repo().insertMany('acme', [make(912, { id: 'raise-c' }), make(913, { id: 'raise-d', count: 0 })]), 'SOC_ERR_VALIDATION');
    expect(await trail()).toHaveLength(2);
  });

  it('pages newest first with a keyset cursor, no gaps or repeats', async () => {
    await repo().insertMany('globex', Array.from({ length: 25 }, (_, i) => make(i)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repo().list('globex', { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => make(24 - i).id));
  });

  it('filters by time, level, rule, status, technique, text and suppression', async () => {
    const ids = async (o: object) => (await repo().list('globex', { limit: 1000, ...o })).items.map((a) => a.id);
    expect(await ids({ levels: ['critical'] })).toHaveLength(6);
    expect(await ids({ levels: ['critical', 'low'] })).toHaveLength(13);
    expect(await ids({ ruleId: 'rule-0' })).toHaveLength(9);
    expect(await ids({ technique: 'T1204' })).toHaveLength(12);
    expect(await ids({ text: 'PASSWORD spray' })).toHaveLength(7);
    expect(await ids({ statuses: ['new'] })).toHaveLength(25);
    expect(await ids({ statuses: ['resolved'] })).toHaveLength(0);
    expect(await ids({ from: new Date(base + 2000), to: new Date(base + 4000) })).toEqual(['alert-007', 'alert-006', 'alert-005', 'alert-004']);
    await repo().insertMany('globex', [make(50, { suppressedBy: 'exception-1' })]);
    expect(await ids({ suppressed: true })).toEqual(['alert-050']);
    expect(await ids({ suppressed: false })).toHaveLength(25);
  });

  it('lists the alerts naming an entity, newest first, whatever path the entity was read from', async () => {
    const ent = (type: string, value: string, path = 'x') => ({ type, value, path });
    await repo().insertMany('acme', [
      make(700, { id: 'ent-1', entities: [ent('user', 'mallory', 'actor.user.name'), ent('host', 'ws-66')] }),
      make(702, { id: 'ent-2', entities: [ent('host', 'ws-66', 'device.hostname')] }),
      make(704, { id: 'ent-3', entities: [ent('user', 'mallory', 'user.name')] }),
      make(706, { id: 'ent-4', entities: [ent('ip', 'ws-66')] }),
    ]);
    await repo().insertMany('globex', [make(708, { id: 'ent-x', entities: [ent('host', 'ws-66')] })]);
    const ids = async (type: string, value: string, limit = 100) => (await repo().listByEntity('acme', { type, value }, limit)).map((a) => a.id);
    expect(await ids('host', 'ws-66')).toEqual(['ent-2', 'ent-1']);
    expect(await ids('user', 'mallory')).toEqual(['ent-3', 'ent-1']);
    expect(await ids('user', 'mallory', 1)).toEqual(['ent-3']);
    expect(await ids('user', 'MALLORY')).toEqual([]);
    expect(await ids('host', 'ws-6')).toEqual([]);
    await expectCode(repo().listByEntity('acme', { type: 'host', value: 'ws-66' }, 0), 'SOC_ERR_VALIDATION');
  });

  it('rejects bad input and forged cursors', async () => {
    await expectCode(repo().insertMany('acme', [make(1, { count: 0 })]), 'SOC_ERR_VALIDATION');
    await expectCode(repo().insertMany('acme', [make(1, { firstSeen: new Date(base + 10_000_000) })]), 'SOC_ERR_VALIDATION');
    await expectCode(repo().list('acme', { cursor: Buffer.from('["rules","x","y"]').toString('base64url') }), 'SOC_ERR_CURSOR_INVALID');
    await expectCode(repo().list('acme', { limit: 0 }), 'SOC_ERR_VALIDATION');
  });

  it('isolates tenants, also for equal ids, and refuses deletes and status rewrites', async () => {
    expect(await repo().get('acme', 'alert-001')).toBeNull();
    expect(await repo().insertMany('acme', [make(1)])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await repo().get('globex', 'alert-001'))?.tenantId).toBe('globex');
    expect((await repo().list('acme', { limit: 1000 })).items.every((a) => a.tenantId === 'acme')).toBe(true);
    const raw = (stmt: string) => ctx.db().withTenant('acme', async (tx) => rowsOf(await tx.execute(sql.raw(stmt))));
    await expectCode(raw('DELETE FROM alerts'), 'SOC_ERR_DB_ACCESS_DENIED');
    await expectCode(raw("UPDATE alerts SET status = 'resolved'"), 'SOC_ERR_DB_ACCESS_DENIED');
    await expectCode(raw("UPDATE alerts SET rule_id = 'x'"), 'SOC_ERR_DB_ACCESS_DENIED');
    expect(await raw("SELECT id FROM alerts WHERE tenant_id = 'globex'")).toEqual([]);
  });
}
