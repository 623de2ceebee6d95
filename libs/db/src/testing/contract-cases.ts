import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { CASE_STATUSES, type CaseSnapshotAlert, type CaseSnapshotInput, type CaseStatus } from '../cases/case-repository';
import { allowedTransitions } from '../cases/case-status';
import { DrizzleCaseRepository } from '../cases/drizzle-case-repository';
import { DrizzleAuditRepository } from '../detection/drizzle-audit-repository';
import { caseAlerts, caseNotes, cases } from '../schema/cases';
import { rowsOf } from '../scope-runner';
import { type ContractContext, expectCode } from './contract-context';

type Row = Record<string, unknown>;
const T = Date.UTC(2026, 5, 1);

function alertOf(id: string, at: number, over: Partial<CaseSnapshotAlert> = {}): CaseSnapshotAlert {
  return { alertId: id, ruleId: `rule-${id}`, ruleTitle: `Rule ${id}`, level: 'medium', count: 1, firstSeen: at, lastSeen: at, reason: { kind: 'opened', threshold: 1 }, ...over };
}

function snap(caseId: string, alerts: CaseSnapshotAlert[], over: Partial<CaseSnapshotInput> = {}): CaseSnapshotInput {
  const first = Math.min(...alerts.map((a) => a.firstSeen));
  const last = Math.max(...alerts.map((a) => a.lastSeen));
  return {
    caseId,
    openedAt: T,
    updatedAt: T + alerts.length,
    firstSeen: first,
    lastSeen: last,
    severity: 'medium',
    severityReasons: ['highest alert level medium'],
    tactics: ['initial-access'],
    timeline: alerts,
    entities: [{ type: 'user', value: 'alice' }],
    alertCount: alerts.reduce((n, a) => n + a.count, 0),
    ...over,
  };
}

/** Cases: idempotent snapshots, analyst changes with audit, notes, listing, isolation. Tenants `acme` and `globex` exist. */
export function casesContract(ctx: ContractContext): void {
  const repo = () => new DrizzleCaseRepository(ctx.db(), ctx.clock);
  const audit = (tenant: string) => new DrizzleAuditRepository(ctx.db()).list(tenant, { targetType: 'case', limit: 1000 });
  const raw = (tenant: string, text: string): Promise<Row[]> => ctx.db().withTenant(tenant, async (tx) => rowsOf<Row>(await tx.execute(sql.raw(text))));
  const joined = { kind: 'joined', score: 2.5, threshold: 1, shared: [{ type: 'host', value: 'ws-7', weight: 2.5, alertFrequency: 0, share: 0 }] };

  it('upserts snapshots idempotently: replays and older snapshots change nothing, a newer one adds the alert and its join reason', async () => {
    const a1 = alertOf('c1-a1', T);
    const one = snap('case-1', [a1]);
    const two = snap('case-1', [{ ...a1, count: 2, sourceAlertIds: ['env-1', 'env-2'] }, alertOf('c1-a2', T + 60_000, { level: 'high', reason: joined, sourceAlertIds: ['env-3'] })], { severity: 'high', tactics: ['initial-access', 'execution'] });
    expect(await repo().upsertFromSnapshot('acme', one, { techniques: ['T1566'] })).toEqual({ outcome: 'created', alertsAdded: 1 });
    expect(await repo().upsertFromSnapshot('acme', one)).toEqual({ outcome: 'unchanged', alertsAdded: 0 });
    expect(await repo().upsertFromSnapshot('acme', two, { techniques: ['T1059', 'T1566'] })).toEqual({ outcome: 'updated', alertsAdded: 1 });
    expect(await repo().upsertFromSnapshot('acme', one)).toEqual({ outcome: 'unchanged', alertsAdded: 0 });
    const got = await repo().get('acme', 'case-1');
    expect(got).toMatchObject({ id: 'case-1', status: 'new', severity: 'high', owner: null, alertCount: 3, tactics: ['initial-access', 'execution'], techniques: ['T1059', 'T1566'], createdBy: 'system:fusion' });
    expect(got?.title).toBe('Rule c1-a1 (+1 more rule)');
    expect(got?.lastSeen).toEqual(new Date(T + 60_000));
    expect(got?.alerts.map((a) => [a.alertId, a.reason, a.count, a.sourceAlertIds])).toEqual([
      ['c1-a1', { kind: 'opened', threshold: 1 }, 2, ['env-1', 'env-2']],
      ['c1-a2', joined, 1, ['env-3']],
    ]);
    await expectCode(repo().upsertFromSnapshot('acme', snap('case-1', [{ ...a1, sourceAlertIds: Array.from({ length: 101 }, (_, i) => `e${i}`) }])), 'SOC_ERR_VALIDATION');
    expect((await audit('acme')).filter((e) => e.targetId === 'case-1').map((e) => [e.action, e.actor, e.details])).toEqual([
      ['case.opened', 'system:fusion', { severity: 'medium', alerts: ['c1-a1'] }],
      ['case.updated', 'system:fusion', { severity: 'high', severityFrom: 'medium', alertsAdded: ['c1-a2'] }],
    ]);
  });

  it('changes status, owner and SLA with an audit record each (actor and reason), and a later snapshot keeps them', async () => {
    await repo().upsertFromSnapshot('acme', snap('case-2', [alertOf('c2-a1', T)]));
    ctx.clock.advance(1000);
    const change = { actor: 'user:ann', reason: 'looked at the host' };
    expect((await repo().setStatus('acme', 'case-2', 'investigating', change)).status).toBe('investigating');
    expect((await repo().setStatus('acme', 'case-2', 'investigating', change)).status).toBe('investigating');
    expect((await repo().assign('acme', 'case-2', 'user:bob', { actor: 'user:ann', reason: 'bob owns endpoints' })).owner).toBe('user:bob');
    const due = new Date(ctx.clock.now() + 3_600_000);
    const withSla = await repo().setSla('acme', 'case-2', due, { actor: 'user:bob', reason: 'high severity SLA' });
    expect(withSla).toMatchObject({ slaDueAt: due, updatedBy: 'user:bob', updatedAt: new Date(ctx.clock.now()) });
    await repo().upsertFromSnapshot('acme', snap('case-2', [alertOf('c2-a1', T), alertOf('c2-a2', T + 5)]));
    expect(await repo().get('acme', 'case-2')).toMatchObject({ status: 'investigating', owner: 'user:bob', slaDueAt: due, alertCount: 2 });
    const trail = (await audit('acme')).filter((e) => e.targetId === 'case-2');
    expect(trail.map((e) => [e.action, e.actor, e.reason, e.details])).toEqual([
      ['case.opened', 'system:fusion', null, { severity: 'medium', alerts: ['c2-a1'] }],
      ['case.status.changed', 'user:ann', 'looked at the host', { from: 'new', to: 'investigating' }],
      ['case.owner.changed', 'user:ann', 'bob owns endpoints', { from: null, to: 'user:bob' }],
      ['case.sla.changed', 'user:bob', 'high severity SLA', { from: null, to: due.toISOString() }],
      ['case.updated', 'system:fusion', null, { severity: 'medium', alertsAdded: ['c2-a2'] }],
    ]);
  });

  it('refuses changes without actor or reason, unknown statuses and unknown cases, and writes no audit for them', async () => {
    const before = (await audit('acme')).length;
    await expectCode(repo().setStatus('acme', 'case-2', 'resolved', { actor: 'user:ann', reason: ' ' }), 'SOC_ERR_VALIDATION');
    await expectCode(repo().setStatus('acme', 'case-2', 'resolved', { actor: '', reason: 'x' }), 'SOC_ERR_VALIDATION');
    await expectCode(repo().setStatus('acme', 'case-2', 'closed' as never, { actor: 'a', reason: 'x' }), 'SOC_ERR_VALIDATION');
    await expectCode(repo().assign('acme', 'missing', 'user:x', { actor: 'a', reason: 'x' }), 'SOC_ERR_NOT_FOUND');
    await expectCode(repo().addNote('acme', 'missing', { author: 'a', body: 'x' }), 'SOC_ERR_NOT_FOUND');
    await expectCode(repo().upsertFromSnapshot('acme', snap('case-bad', [alertOf('x', T)], { alertCount: 0 })), 'SOC_ERR_VALIDATION');
    expect((await audit('acme')).length).toBe(before);
  });

  it('follows the status ladder: forward and back while open, closed cases only reopen, never back to new (409, no audit)', async () => {
    await repo().upsertFromSnapshot('acme', snap('case-ladder', [alertOf('l1', T)]));
    const change = { actor: 'user:ann', reason: 'ladder' };
    const walk: CaseStatus[] = ['triaged', 'investigating', 'triaged', 'contained', 'investigating', 'resolved', 'investigating', 'false_positive', 'triaged'];
    for (const status of walk) expect((await repo().setStatus('acme', 'case-ladder', status, change)).status).toBe(status);
    const before = (await audit('acme')).length;
    await expectCode(repo().setStatus('acme', 'case-ladder', 'new', change), 'SOC_ERR_CASE_TRANSITION');
    await repo().setStatus('acme', 'case-ladder', 'resolved', change);
    for (const refused of ['new', 'triaged', 'contained', 'false_positive'] as const) {
      await expectCode(repo().setStatus('acme', 'case-ladder', refused, change), 'SOC_ERR_CASE_TRANSITION');
    }
    expect((await audit('acme')).length).toBe(before + 1);
    expect((await repo().get('acme', 'case-ladder'))?.status).toBe('resolved');
    for (const status of CASE_STATUSES) expect(allowedTransitions(status)).not.toContain('new');
  });

  it('reopens a closed case when fusion adds alerts to it (resolved -> investigating, false positive -> triaged), audited; a replay reopens nothing', async () => {
    const change = { actor: 'user:ann', reason: 'closing' };
    const first = [alertOf('ro-1', T)];
    for (const [id, closed, reopened] of [['case-ro-r', 'resolved', 'investigating'], ['case-ro-f', 'false_positive', 'triaged']] as const) {
      await repo().upsertFromSnapshot('acme', snap(id, first.map((a) => ({ ...a, alertId: `${id}-1` }))));
      await repo().setStatus('acme', id, closed, change);
      // A replay of the same snapshot adds nothing and leaves the verdict alone.
      await repo().upsertFromSnapshot('acme', snap(id, first.map((a) => ({ ...a, alertId: `${id}-1` }))));
      expect((await repo().get('acme', id))?.status).toBe(closed);
      ctx.clock.advance(1000);
      await repo().upsertFromSnapshot('acme', snap(id, [alertOf(`${id}-1`, T), alertOf(`${id}-2`, T + 60_000)], { updatedAt: T + 60_000 }));
      expect(await repo().get('acme', id)).toMatchObject({ status: reopened, updatedBy: 'system:fusion' });
      const trail = (await audit('acme')).filter((e) => e.targetId === id).map((e) => [e.action, e.reason, e.details]);
      expect(trail.slice(-2)).toEqual([
        ['case.updated', null, { severity: 'medium', alertsAdded: [`${id}-2`] }],
        ['case.reopened', `1 new alert(s) joined the ${closed} case`, { from: closed, to: reopened, alerts: [`${id}-2`] }],
      ]);
    }
  });

  it('adds notes, audited, returned oldest first with the case', async () => {
    const n1 = await repo().addNote('acme', 'case-2', { author: 'user:ann', body: 'First look: phishing.' });
    ctx.clock.advance(1);
    await repo().addNote('acme', 'case-2', { author: 'user:bob', body: 'Host isolated.' });
    const got = await repo().get('acme', 'case-2');
    expect(got?.notes.map((n) => [n.author, n.body])).toEqual([
      ['user:ann', 'First look: phishing.'],
      ['user:bob', 'Host isolated.'],
    ]);
    const trail = (await audit('acme')).filter((e) => e.action === 'case.note.added');
    expect(trail.map((e) => e.details['noteId'])).toEqual([n1.id, got?.notes[1]?.id]);
    await expectCode(repo().addNote('acme', 'case-2', { author: 'user:ann', body: '   ' }), 'SOC_ERR_VALIDATION');
  });

  it('lists with filters, three sorts and keyset pages without gaps or repeats', async () => {
    const levels = ['low', 'medium', 'high', 'critical'] as const;
    for (let i = 0; i < 13; i++) {
      const at = T + Math.floor(i / 2) * 1000;
      await repo().upsertFromSnapshot('globex', snap(`g-${String(i).padStart(2, '0')}`, [alertOf(`g-a${i}`, at)], { severity: levels[i % 4] ?? 'low' }));
    }
    await repo().assign('globex', 'g-03', 'user:cy', { actor: 'user:cy', reason: 'mine' });
    await repo().setStatus('globex', 'g-04', 'resolved', { actor: 'user:cy', reason: 'benign' });
    const all = async (o: object): Promise<string[]> => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo().list('globex', { limit: 4, ...o, ...(cursor ? { cursor } : {}) });
        out.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    const ids = Array.from({ length: 13 }, (_, i) => `g-${String(i).padStart(2, '0')}`);
    expect(await all({})).toEqual([...ids].reverse());
    expect(await all({ order: 'asc' })).toEqual(ids);
    const bySeverity = await all({ sort: 'severity' });
    expect(bySeverity.slice(0, 3)).toEqual(['g-11', 'g-07', 'g-03']);
    expect(new Set(bySeverity).size).toBe(13);
    expect(await all({ sort: 'createdAt', order: 'asc' })).toHaveLength(13);
    expect(await all({ severities: ['critical'] })).toEqual(['g-11', 'g-07', 'g-03']);
    expect(await all({ owner: 'user:cy' })).toEqual(['g-03']);
    expect(await all({ owner: null })).toHaveLength(12);
    expect(await all({ statuses: ['resolved'] })).toEqual(['g-04']);
    expect(await all({ from: new Date(T + 1000), to: new Date(T + 3000) })).toEqual(['g-05', 'g-04', 'g-03', 'g-02']);
    const page = await repo().list('globex', { limit: 2 });
    await expectCode(repo().list('globex', { sort: 'severity', cursor: page.nextCursor ?? '' }), 'SOC_ERR_CURSOR_INVALID');
    await expectCode(repo().list('globex', { limit: 0 }), 'SOC_ERR_VALIDATION');
  });

  it('marks a case merged into another: audited once, hidden from lists unless asked, kept by later snapshots', async () => {
    for (const [id, at] of [['case-m1', T], ['case-m2', T + 10], ['case-m3', T + 20]] as const) await repo().upsertFromSnapshot('acme', snap(id, [alertOf(`${id}-a`, at)]));
    ctx.clock.advance(1000);
    const change = { actor: 'system:fusion', reason: 'alert bridge-1 reached the join threshold against both cases' };
    const merged = await repo().markMerged('acme', 'case-m2', 'case-m1', change);
    expect(merged).toMatchObject({ id: 'case-m2', mergedInto: 'case-m1', status: 'new', updatedBy: 'system:fusion', updatedAt: new Date(ctx.clock.now()) });
    ctx.clock.advance(1000);
    expect((await repo().markMerged('acme', 'case-m2', 'case-m1', change)).updatedAt).toEqual(merged.updatedAt);
    const ids = async (o: object): Promise<string[]> => (await repo().list('acme', { limit: 1000, ...o })).items.map((c) => c.id).filter((id) => id.startsWith('case-m'));
    expect(await ids({ order: 'asc' })).toEqual(['case-m1', 'case-m3']);
    expect(await ids({ order: 'asc', includeMerged: true })).toEqual(['case-m1', 'case-m2', 'case-m3']);
    expect(await ids({ order: 'asc', includeMerged: false, statuses: ['new'] })).toEqual(['case-m1', 'case-m3']);
    expect((await repo().get('acme', 'case-m1'))?.mergedInto).toBeNull();
    await repo().upsertFromSnapshot('acme', snap('case-m2', [alertOf('case-m2-a', T + 10), alertOf('case-m2-b', T + 30)]));
    expect(await repo().get('acme', 'case-m2')).toMatchObject({ mergedInto: 'case-m1', alertCount: 2 });
    const trail = (await audit('acme')).filter((e) => e.targetId === 'case-m2');
    expect(trail.map((e) => [e.action, e.actor, e.reason, e.details])).toEqual([
      ['case.opened', 'system:fusion', null, { severity: 'medium', alerts: ['case-m2-a'] }],
      ['case.merged', 'system:fusion', change.reason, { from: 'case-m2', into: 'case-m1' }],
      ['case.updated', 'system:fusion', null, { severity: 'medium', alertsAdded: ['case-m2-b'] }],
    ]);
  });

  it('refuses merges into itself, into a missing or foreign case, of a case merged elsewhere, or without a reason, and audits none', async () => {
    const before = (await audit('acme')).length;
    const change = { actor: 'system:fusion', reason: 'bridged' };
    await expectCode(repo().markMerged('acme', 'case-m3', 'case-m3', change), 'SOC_ERR_VALIDATION');
    await expectCode(repo().markMerged('acme', 'case-m3', 'case-m1', { actor: 'system:fusion', reason: ' ' }), 'SOC_ERR_VALIDATION');
    await expectCode(repo().markMerged('acme', 'case-m3', 'missing', change), 'SOC_ERR_NOT_FOUND');
    await expectCode(repo().markMerged('acme', 'missing', 'case-m1', change), 'SOC_ERR_NOT_FOUND');
    await expectCode(repo().markMerged('acme', 'case-m2', 'case-m3', change), 'SOC_ERR_DB_CONFLICT');
    await repo().upsertFromSnapshot('globex', snap('g-m1', [alertOf('g-m1-a', T)]));
    await expectCode(repo().markMerged('globex', 'g-m1', 'case-m1', change), 'SOC_ERR_NOT_FOUND');
    await expectCode(raw('globex', "UPDATE cases SET merged_into = 'case-m1' WHERE id = 'g-m1'"), 'SOC_ERR_VALIDATION');
    expect((await audit('acme')).length).toBe(before);
    expect((await repo().get('acme', 'case-m3'))?.mergedInto).toBeNull();
  });

  it('isolates tenants and gives soc_app no delete and no rewrite of identity or join reasons', async () => {
    expect(await repo().get('globex', 'case-1')).toBeNull();
    expect((await repo().list('globex', { limit: 1000 })).items.every((c) => c.tenantId === 'globex')).toBe(true);
    await expectCode(repo().setStatus('globex', 'case-1', 'resolved', { actor: 'user:evil', reason: 'x' }), 'SOC_ERR_NOT_FOUND');
    expect(await raw('globex', "SELECT id FROM cases WHERE tenant_id = 'acme'")).toEqual([]);
    expect(await raw('globex', 'SELECT alert_id FROM case_alerts WHERE case_id = \'case-1\'')).toEqual([]);
    expect(await raw('globex', 'SELECT id FROM case_notes')).toEqual([]);
    const other = ctx.db().withTenant('globex', (tx) => tx.execute(sql.raw("INSERT INTO case_notes (tenant_id, id, case_id, author, body, created_at) VALUES ('acme', 'n-x', 'case-2', 'x', 'y', now())")));
    await expectCode(other, 'SOC_ERR_DB_ACCESS_DENIED');
    for (const stmt of ['DELETE FROM cases', 'DELETE FROM case_alerts', 'DELETE FROM case_notes', "UPDATE cases SET id = 'x'", "UPDATE case_alerts SET reason = '{}'", "UPDATE case_alerts SET case_id = 'x'", "UPDATE case_notes SET body = 'x'"]) {
      await expectCode(raw('acme', stmt), 'SOC_ERR_DB_ACCESS_DENIED');
    }
  });

  it('has forced RLS on every case table and a drizzle schema matching the migrated columns', async () => {
    for (const table of [cases, caseAlerts, caseNotes]) {
      const cfg = getTableConfig(table);
      const [rls] = await raw('acme', `SELECT relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class WHERE oid = 'public.${cfg.name}'::regclass`);
      expect(rls).toEqual({ on: true, forced: true });
      const cols = await raw('acme', `SELECT attname::text AS name, NOT attnotnull AS nullable FROM pg_attribute WHERE attrelid = 'public.${cfg.name}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname COLLATE "C"`);
      expect(cols).toEqual(cfg.columns.map((c) => ({ name: c.name, nullable: !c.notNull })).sort((a, b) => (a.name < b.name ? -1 : 1)));
    }
  });

  it('lists the cases naming an entity, most recently seen first, without cases a merge absorbed', async () => {
    const ents = (...values: string[]) => values.map((value) => ({ type: 'host', value }));
    await repo().upsertFromSnapshot('acme', snap('ent-case-1', [alertOf('e1-a1', T + 1000)], { entities: ents('ws-77', 'ws-78') }));
    await repo().upsertFromSnapshot('acme', snap('ent-case-2', [alertOf('e2-a1', T + 2000)], { entities: ents('ws-77') }));
    await repo().upsertFromSnapshot('acme', snap('ent-case-3', [alertOf('e3-a1', T + 3000)], { entities: ents('ws-77') }));
    await repo().markMerged('acme', 'ent-case-3', 'ent-case-1', { actor: 'system:fusion', reason: 'bridged' });
    await repo().upsertFromSnapshot('globex', snap('ent-case-g', [alertOf('eg-a1', T + 4000)], { entities: ents('ws-77') }));
    const ids = async (value: string, limit = 10) => (await repo().listByEntity('acme', { type: 'host', value }, limit)).map((c) => c.id);
    expect(await ids('ws-77')).toEqual(['ent-case-2', 'ent-case-1']);
    expect(await ids('ws-77', 1)).toEqual(['ent-case-2']);
    expect(await ids('ws-78')).toEqual(['ent-case-1']);
    expect((await repo().listByEntity('acme', { type: 'user', value: 'ws-77' }, 10)).map((c) => c.id)).toEqual([]);
  });
}
