import type { FastifyInstance } from 'fastify';
import { ManualClock } from '@soc/contracts';
import { type CaseSnapshotAlert, type CaseSnapshotInput, type Database, DrizzleAuditRepository, DrizzleCaseRepository } from '@soc/db';
import type { Credential } from '@soc/http';
import { RouteSpecHarness, fixedKeys } from '../testing/route-spec-harness';
import { caseRoutes } from './cases';

// Keys as migration 0008 maps pre-role keys: admin scope -> owner, any other scope -> admin.
const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'admin-a': { tenantId: 'tenant-a', roles: ['owner'], scopes: ['read', 'admin'] },
  'reader-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['read'] },
  'admin-b': { tenantId: 'tenant-b', roles: ['owner'], scopes: ['read', 'admin'] },
};
const auth = fixedKeys(KEYS);

const T = Date.UTC(2026, 6, 1);
const MIN = 60_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

function alertOf(id: string, at: number, over: Partial<CaseSnapshotAlert> = {}): CaseSnapshotAlert {
  return { alertId: id, ruleId: `rule-${id}`, ruleTitle: `Rule ${id}`, level: 'medium', count: 1, firstSeen: at, lastSeen: at, reason: { kind: 'opened', threshold: 1 }, ...over };
}

/** Case `c-<i>`: severity cycles low..critical, last seen i minutes after T. */
function snap(i: number, alerts: CaseSnapshotAlert[] = [alertOf(`a${i}`, T + i * MIN)]): CaseSnapshotInput {
  return {
    caseId: `c-${i}`,
    openedAt: T,
    updatedAt: T + alerts.length,
    firstSeen: Math.min(...alerts.map((a) => a.firstSeen)),
    lastSeen: Math.max(...alerts.map((a) => a.lastSeen)),
    severity: SEVERITIES[i % 4] ?? 'low',
    severityReasons: ['highest alert level'],
    tactics: ['initial-access', 'execution'],
    timeline: alerts,
    entities: [{ type: 'host', value: `ws-${i}` }],
    alertCount: alerts.length,
  };
}

const joined = { kind: 'joined', score: 2.5, threshold: 1, shared: [{ type: 'host', value: 'ws-9', weight: 2.5 }] };

describe('case routes', () => {
  const clock = new ManualClock(T + 60 * MIN);
  let db: Database;
  let app: FastifyInstance;
  let h: RouteSpecHarness;
  let audit: DrizzleAuditRepository;

  beforeAll(async () => {
    h = await RouteSpecHarness.open('cases-routes', clock);
    db = h.db;
    app = h.app;
    const cases = new DrizzleCaseRepository(db, clock);
    for (let i = 0; i < 8; i++) {
      clock.advance(1000);
      await cases.upsertFromSnapshot('tenant-a', snap(i));
    }
    // c-9: two alerts, delivered out of first-seen order; the second joined through a shared host.
    await cases.upsertFromSnapshot('tenant-a', snap(9, [alertOf('a9-late', T + 9 * MIN), alertOf('a9-early', T + 2 * MIN, { level: 'high', reason: joined })]), { techniques: ['T1059.001'] });
    await cases.upsertFromSnapshot('tenant-b', snap(20));
    audit = new DrizzleAuditRepository(db);
    await app.register(caseRoutes, { auth, cases });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, key = 'reader-a') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const post = (url: string, payload: object, key = 'admin-a') => app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${key}` } });
  const ids = async (query: string): Promise<string[]> => {
    const res = await get(`/v1/cases?${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as { id: string }[]).map((c) => c.id);
  };
  const trail = async (caseId: string) => (await audit.list('tenant-a', { targetType: 'case', targetId: caseId, limit: 100 })).map((e) => [e.action, e.actor, e.reason, e.details]);

  it('lists most recently seen first and pages with a cursor', async () => {
    const first = (await get('/v1/cases?limit=4')).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual(['c-9', 'c-7', 'c-6', 'c-5']);
    expect(first.items[0]).toMatchObject({ status: 'new', severity: 'medium', owner: null, slaDueAt: null, alertCount: 2, techniques: ['T1059.001'], lastSeen: new Date(T + 9 * MIN).toISOString() });
    expect(first.items[0].alerts).toBeUndefined();
    const rest: string[] = [];
    let cursor: string | undefined = first.nextCursor;
    while (cursor) {
      const page = (await get(`/v1/cases?limit=4&cursor=${encodeURIComponent(cursor)}`)).json();
      rest.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(['c-4', 'c-3', 'c-2', 'c-1', 'c-0']);
  });

  it('sorts by severity and creation time in either order, and pages each sort', async () => {
    expect(await ids('sort=severity&order=desc&limit=3')).toEqual(['c-7', 'c-3', 'c-6']);
    expect(await ids('sort=createdAt&order=asc')).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7', 'c-9']);
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await get(`/v1/cases?sort=severity&order=asc&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      all.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(['c-0', 'c-4', 'c-1', 'c-5', 'c-9', 'c-2', 'c-6', 'c-3', 'c-7']);
    const onSeverity = (await get('/v1/cases?sort=severity&limit=1')).json().nextCursor;
    expect((await get(`/v1/cases?sort=lastSeen&cursor=${encodeURIComponent(onSeverity)}`)).json().error.code).toBe('SOC_ERR_CURSOR_INVALID');
  });

  it('filters by severity, time, status and owner, and rejects bad queries', async () => {
    expect(await ids('severity=critical')).toEqual(['c-7', 'c-3']);
    expect(await ids('severity=critical&severity=low')).toEqual(['c-7', 'c-4', 'c-3', 'c-0']);
    expect(await ids(`from=${new Date(T + 2 * MIN).toISOString()}&to=${new Date(T + 4 * MIN).toISOString()}`)).toEqual(['c-3', 'c-2']);
    expect(await ids('status=resolved')).toEqual([]);
    expect(await ids('owner=user:nobody')).toEqual([]);
    expect(await ids('unassigned=true')).toHaveLength(9);
    expect((await get(`/v1/cases?from=${new Date(T + 4 * MIN).toISOString()}&to=${new Date(T).toISOString()}`)).json().error.code).toBe('SOC_ERR_VALIDATION');
    expect((await get('/v1/cases?owner=x&unassigned=true')).json().error.code).toBe('SOC_ERR_VALIDATION');
    for (const bad of ['status=closed', 'severity=severe', 'sort=title', 'limit=0', 'order=up']) expect((await get(`/v1/cases?${bad}`)).statusCode).toBe(400);
    expect((await get('/v1/cases?cursor=xyz')).json().error.code).toBe('SOC_ERR_CURSOR_INVALID');
  });

  it('returns a case with its alerts and join reasons, notes, tactics and a first-seen timeline', async () => {
    const res = await get('/v1/cases/c-9');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: 'c-9', title: 'Rule a9-late (+1 more rule)', tactics: ['initial-access', 'execution'], entities: [{ type: 'host', value: 'ws-9' }], notes: [] });
    expect(body.alerts.map((a: { alertId: string; reason: unknown }) => [a.alertId, a.reason])).toEqual([
      ['a9-early', joined],
      ['a9-late', { kind: 'opened', threshold: 1 }],
    ]);
    expect(body.timeline).toEqual([
      { at: new Date(T + 2 * MIN).toISOString(), alertId: 'a9-early', ruleId: 'rule-a9-early', ruleTitle: 'Rule a9-early', level: 'high', count: 1 },
      { at: new Date(T + 9 * MIN).toISOString(), alertId: 'a9-late', ruleId: 'rule-a9-late', ruleTitle: 'Rule a9-late', level: 'medium', count: 1 },
    ]);
  });

  it('changes status with an audit record naming the API key and the reason; the same status again writes nothing', async () => {
    clock.advance(1000);
    const res = await post('/v1/cases/c-1/status', { status: 'investigating', reason: 'checking the host' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'c-1', status: 'investigating', updatedBy: 'api-key:admin-a', updatedAt: new Date(clock.now()).toISOString() });
    expect((await post('/v1/cases/c-1/status', { status: 'investigating', reason: 'again' })).statusCode).toBe(200);
    expect(await trail('c-1')).toEqual([
      ['case.opened', 'system:fusion', null, { severity: 'medium', alerts: ['a1'] }],
      ['case.status.changed', 'api-key:admin-a', 'checking the host', { from: 'new', to: 'investigating' }],
    ]);
    expect(await ids('status=investigating')).toEqual(['c-1']);
    expect((await post('/v1/cases/c-1/status', { status: 'closed', reason: 'x' })).statusCode).toBe(400);
    expect((await post('/v1/cases/c-1/status', { status: 'resolved' })).statusCode).toBe(400);
    const back = await post('/v1/cases/c-1/status', { status: 'new', reason: 'undo' });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ error: { code: 'SOC_ERR_CASE_TRANSITION', details: { from: 'investigating', to: 'new', allowed: ['triaged', 'contained', 'resolved', 'false_positive'] } } });
    expect(await trail('c-1')).toHaveLength(2);
  });

  it('assigns and unassigns, sets and clears the SLA, each audited', async () => {
    expect((await post('/v1/cases/c-2/assign', { owner: 'user:ann', reason: 'ann owns endpoints' })).json().owner).toBe('user:ann');
    expect(await ids('owner=user:ann')).toEqual(['c-2']);
    expect(await ids('unassigned=true')).not.toContain('c-2');
    expect((await post('/v1/cases/c-2/assign', { owner: null, reason: 'ann is away' })).json().owner).toBeNull();
    const due = new Date(T + 24 * 60 * MIN).toISOString();
    expect((await post('/v1/cases/c-2/sla', { dueAt: due, reason: 'critical SLA' })).json().slaDueAt).toBe(due);
    expect((await get('/v1/cases/c-2')).json().slaDueAt).toBe(due);
    expect((await post('/v1/cases/c-2/sla', { dueAt: null, reason: 'downgraded' })).json().slaDueAt).toBeNull();
    expect((await post('/v1/cases/c-2/sla', { dueAt: 'tomorrow', reason: 'x' })).statusCode).toBe(400);
    expect((await post('/v1/cases/c-2/assign', { owner: 'user:bob', reason: '' })).statusCode).toBe(400);
    expect((await trail('c-2')).slice(1)).toEqual([
      ['case.owner.changed', 'api-key:admin-a', 'ann owns endpoints', { from: null, to: 'user:ann' }],
      ['case.owner.changed', 'api-key:admin-a', 'ann is away', { from: 'user:ann', to: null }],
      ['case.sla.changed', 'api-key:admin-a', 'critical SLA', { from: null, to: due }],
      ['case.sla.changed', 'api-key:admin-a', 'downgraded', { from: due, to: null }],
    ]);
  });

  it('adds notes (201, author the API key, audited) that the detail shows oldest first', async () => {
    const res = await post('/v1/cases/c-3/notes', { body: 'Looks like a phishing follow-up.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ caseId: 'c-3', author: 'api-key:admin-a', body: 'Looks like a phishing follow-up.' });
    clock.advance(1000);
    await post('/v1/cases/c-3/notes', { body: 'Host isolated.' });
    expect((await get('/v1/cases/c-3')).json().notes.map((n: { body: string }) => n.body)).toEqual(['Looks like a phishing follow-up.', 'Host isolated.']);
    expect((await trail('c-3')).slice(1).map(([action, actor]) => [action, actor])).toEqual([
      ['case.note.added', 'api-key:admin-a'],
      ['case.note.added', 'api-key:admin-a'],
    ]);
    expect((await post('/v1/cases/c-3/notes', { body: '' })).statusCode).toBe(400);
  });

  it('keeps tenants apart: another tenant neither sees nor changes a case', async () => {
    const other = await get('/v1/cases/c-1', 'admin-b');
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('SOC_ERR_NOT_FOUND');
    expect((await get('/v1/cases', 'admin-b')).json().items.map((c: { id: string }) => c.id)).toEqual(['c-20']);
    for (const [url, payload] of [
      ['/v1/cases/c-4/status', { status: 'resolved', reason: 'x' }],
      ['/v1/cases/c-4/assign', { owner: 'user:eve', reason: 'x' }],
      ['/v1/cases/c-4/sla', { dueAt: null, reason: 'x' }],
      ['/v1/cases/c-4/notes', { body: 'x' }],
    ] as const) {
      const res = await post(url, payload, 'admin-b');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('SOC_ERR_NOT_FOUND');
    }
    expect((await trail('c-4')).map(([action]) => action)).toEqual(['case.opened']);
    expect((await audit.list('tenant-b', { targetType: 'case', limit: 100 })).map((e) => e.action)).toEqual(['case.opened']);
    expect((await get('/v1/cases/missing')).statusCode).toBe(404);
  });

  it('needs the admin scope to change a case (403 for a read-only key) and a key for everything (401)', async () => {
    for (const [url, payload] of [
      ['/v1/cases/c-5/status', { status: 'resolved', reason: 'x' }],
      ['/v1/cases/c-5/assign', { owner: 'user:eve', reason: 'x' }],
      ['/v1/cases/c-5/sla', { dueAt: null, reason: 'x' }],
      ['/v1/cases/c-5/notes', { body: 'x' }],
    ] as const) {
      const forbidden = await post(url, payload, 'reader-a');
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.code).toBe('SOC_ERR_FORBIDDEN');
      expect((await app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    }
    expect((await get('/v1/cases/c-5')).json()).toMatchObject({ status: 'new', owner: null, notes: [] });
    expect((await app.inject({ method: 'GET', url: '/v1/cases' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/cases/c-5' })).statusCode).toBe(401);
    expect((await trail('c-5')).map(([action]) => action)).toEqual(['case.opened']);
  });

  it('hides cases a fusion merge absorbed unless includeMerged=true, and shows mergedInto on views', async () => {
    await new DrizzleCaseRepository(db, clock).markMerged('tenant-a', 'c-6', 'c-5', { actor: 'system:fusion', reason: 'alert x bridged c-5 and c-6' });
    expect(await ids('')).not.toContain('c-6');
    expect(await ids('includeMerged=false')).not.toContain('c-6');
    const all = (await get('/v1/cases?includeMerged=true&sort=createdAt&order=asc')).json().items as { id: string; mergedInto: string | null }[];
    expect(all.map((c) => c.id)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7', 'c-9']);
    expect(all.filter((c) => c.mergedInto !== null).map((c) => [c.id, c.mergedInto])).toEqual([['c-6', 'c-5']]);
    expect((await get('/v1/cases/c-6')).json()).toMatchObject({ id: 'c-6', mergedInto: 'c-5' });
    expect((await get('/v1/cases/c-5')).json().mergedInto).toBeNull();
    expect((await get('/v1/cases?includeMerged=maybe')).statusCode).toBe(400);
  });

  it('documents every route with request and response schemas in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.paths).sort()).toEqual(['/v1/cases', '/v1/cases/{id}', '/v1/cases/{id}/assign', '/v1/cases/{id}/notes', '/v1/cases/{id}/sla', '/v1/cases/{id}/status']);
    expect(spec.paths['/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'severity', 'owner', 'sort', 'order', 'cursor', 'includeMerged']));
    expect(spec.paths['/v1/cases/{id}/notes'].post.responses['201'].content).toBeDefined();
    expect(spec.paths['/v1/cases/{id}/sla'].post.requestBody.content).toBeDefined();
  });

  it('lists open cases past their SLA due time with slaBreached=true; closed cases and future deadlines are not breached', async () => {
    const past = new Date(clock.now() - 60 * MIN).toISOString();
    const future = new Date(clock.now() + 60 * MIN).toISOString();
    await post('/v1/cases/c-0/sla', { dueAt: past, reason: 'sla' });
    await post('/v1/cases/c-1/sla', { dueAt: future, reason: 'sla' });
    await post('/v1/cases/c-2/sla', { dueAt: past, reason: 'sla' });
    await post('/v1/cases/c-2/status', { status: 'resolved', reason: 'done' });
    expect(await ids('slaBreached=true')).toEqual(['c-0']);
    clock.advance(2 * 60 * MIN);
    expect(await ids('slaBreached=true')).toEqual(['c-1', 'c-0']);
    expect((await get('/v1/cases?slaBreached=true', 'admin-b')).json().items).toEqual([]);
  });
});
