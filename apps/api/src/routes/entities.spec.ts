import type { FastifyInstance } from 'fastify';
import { ManualClock } from '@soc/contracts';
import { type Database, DrizzleAlertRepository, DrizzleCaseRepository, DrizzleEntityGraph, type NewAlert } from '@soc/db';
import { type EntityRef, GraphBatchBuilder, type RelationshipType } from '@soc/graph';
import type { Credential } from '@soc/http';
import { RouteSpecHarness, fixedKeys } from '../testing/route-spec-harness';
import { entityRoutes } from './entities';

const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'reader-a': { tenantId: 'tenant-a', roles: ['viewer'], scopes: ['read'] },
  'reader-b': { tenantId: 'tenant-b', roles: ['viewer'], scopes: ['read'] },
  'ingest-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['ingest'] },
};
const auth = fixedKeys(KEYS);

const T = Date.UTC(2026, 6, 1);
const MIN = 60_000;
const ARN = `arn:aws:iam::204901713573:role/${'very-long-role-path/'.repeat(6)}etl-transform`;

const ref = (type: EntityRef['type'], value: string): EntityRef => ({ type, value });
const alice = ref('user', 'alice');
const ws = ref('host', 'kst-ws-104');

/** alice -logged_on-> ws <-ran_on- winword -spawned-> powershell -connected_to-> c2; an ARN that called an API. */
function graphOf(tenant: 'a' | 'b') {
  const b = new GraphBatchBuilder();
  const link = (from: EntityRef, rel: RelationshipType, to: EntityRef, at: number) => b.observe({ time: at, evidence: `event:${tenant}-${at}`, entities: [], edges: [{ from, rel, to }] });
  if (tenant === 'b') {
    link(alice, 'logged_on', ref('host', 'b-laptop'), T);
    return b.build();
  }
  link(alice, 'logged_on', ws, T);
  link(ref('process', 'winword.exe'), 'ran_on', ws, T + MIN);
  link(ref('process', 'winword.exe'), 'spawned', ref('process', 'powershell.exe'), T + 2 * MIN);
  link(ref('process', 'powershell.exe'), 'connected_to', ref('ip', '194.26.249.33'), T + 3 * MIN);
  link(ref('cloud_principal', ARN), 'called', ref('api_operation', 's3.amazonaws.com:getobject'), T);
  return b.build();
}

function alertOf(i: number, entities: EntityRef[]): NewAlert {
  const at = new Date(T + i * MIN);
  return {
    id: `alert-${String(i).padStart(3, '0')}`,
    kind: 'rule',
    ruleId: 'office-spawns-shell',
    title: `Office spawned a shell ${i}`,
    level: 'high',
    time: at,
    firstSeen: at,
    lastSeen: at,
    count: 1,
    techniques: ['T1204'],
    tactics: ['execution'],
    entities: entities.map((e) => ({ ...e, path: 'x' })),
    evidence: [],
    finding: {},
  };
}

describe('entity routes', () => {
  const clock = new ManualClock(T + 60 * MIN);
  let db: Database;
  let app: FastifyInstance;
  let h: RouteSpecHarness;

  beforeAll(async () => {
    h = await RouteSpecHarness.open('entity-routes', clock);
    db = h.db;
    app = h.app;
    const graph = new DrizzleEntityGraph(db, clock);
    await graph.upsert('tenant-a', graphOf('a'));
    await graph.upsert('tenant-b', graphOf('b'));
    const alerts = new DrizzleAlertRepository(db, clock);
    await alerts.insertMany('tenant-a', [
      ...Array.from({ length: 55 }, (_, i) => alertOf(i, [alice, ws])),
      alertOf(90, [ref('user', 'bob')]),
      { ...alertOf(91, [alice]), suppressedBy: 'exc-1' },
    ]);
    await alerts.insertMany('tenant-b', [alertOf(95, [alice])]);
    const cases = new DrizzleCaseRepository(db, clock);
    const snapshot = (caseId: string, at: number, entities: EntityRef[]) => ({
      caseId, openedAt: T, updatedAt: T, firstSeen: at, lastSeen: at, severity: 'high' as const, severityReasons: [], tactics: ['execution'],
      timeline: [{ alertId: `${caseId}-a`, ruleId: 'r', ruleTitle: 'Office spawned a shell', level: 'high' as const, count: 1, firstSeen: at, lastSeen: at, reason: { kind: 'opened' } }],
      entities, alertCount: 1,
    });
    await cases.upsertFromSnapshot('tenant-a', snapshot('case-1', T + MIN, [alice, ws]));
    await cases.upsertFromSnapshot('tenant-a', snapshot('case-2', T + 5 * MIN, [ws]));
    await cases.upsertFromSnapshot('tenant-b', snapshot('case-b', T, [alice]));
    await app.register(entityRoutes, { auth, graph, alerts, cases });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, key = 'reader-a') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const nodes = (body: { neighbourhood: { nodes: { hop: number; type: string; value: string }[] } }) => body.neighbourhood.nodes.map((n) => `${n.hop}:${n.type}:${n.value}`);

  it('returns the entity, its neighbourhood to depth 3 by default, and the alerts and cases that name it', async () => {
    const res = await get('/v1/entities/user/Alice');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.entity).toEqual({ type: 'user', value: 'alice', firstSeen: new Date(T).toISOString(), lastSeen: new Date(T).toISOString(), count: 1, evidence: [`event:a-${T}`] });
    expect(nodes(body)).toEqual(['0:user:alice', '1:host:kst-ws-104', '2:process:winword.exe', '3:process:powershell.exe']);
    expect(body.neighbourhood).toMatchObject({ depth: 3, truncated: false, truncation: [] });
    expect(body.neighbourhood.edges.map((e: { rel: string }) => e.rel).sort()).toEqual(['logged_on', 'ran_on', 'spawned']);
    expect(body.alerts.items).toHaveLength(50);
    expect(body.alerts.truncated).toBe(true);
    expect(body.alerts.items[0]).toEqual({ id: 'alert-091', title: 'Office spawned a shell 91', severity: 'high', status: 'new', time: new Date(T + 91 * MIN).toISOString(), suppressed: true });
    expect(body.alerts.items[1].id).toBe('alert-054');
    expect(body.cases).toEqual({ items: [{ id: 'case-1', title: expect.any(String), severity: 'high', status: 'new', time: new Date(T + MIN).toISOString() }], truncated: false });
  });

  it('limits the walk to the requested depth and refuses depths outside 1..3', async () => {
    expect(nodes((await get('/v1/entities/user/alice?depth=1')).json())).toEqual(['0:user:alice', '1:host:kst-ws-104']);
    expect(nodes((await get('/v1/entities/user/alice?depth=2')).json())).toEqual(['0:user:alice', '1:host:kst-ws-104', '2:process:winword.exe']);
    for (const depth of ['0', '4', 'x']) {
      const res = await get(`/v1/entities/user/alice?depth=${depth}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('SOC_ERR_VALIDATION');
    }
  });

  it('keys hosts by short name and finds values with slashes and over 100 characters', async () => {
    const host = (await get(`/v1/entities/host/${encodeURIComponent('KST-WS-104.corp.kestrel-analytics.com')}?depth=1`)).json();
    expect(host.entity.value).toBe('kst-ws-104');
    expect(host.cases.items.map((c: { id: string }) => c.id)).toEqual(['case-2', 'case-1']);
    const principal = await get(`/v1/entities/cloud_principal/${encodeURIComponent(ARN)}?depth=1`);
    expect(principal.statusCode).toBe(200);
    expect(principal.json().neighbourhood.edges[0]).toMatchObject({ rel: 'called', to: { type: 'api_operation', value: 's3.amazonaws.com:getobject' } });
  });

  it('keeps tenants apart: tenant B sees only its own alice, and none of tenant A\'s entities', async () => {
    const b = (await get('/v1/entities/user/alice', 'reader-b')).json();
    expect(nodes(b)).toEqual(['0:user:alice', '1:host:b-laptop']);
    expect(b.alerts.items.map((a: { id: string }) => a.id)).toEqual(['alert-095']);
    expect(b.cases.items.map((c: { id: string }) => c.id)).toEqual(['case-b']);
    const hidden = await get('/v1/entities/host/kst-ws-104', 'reader-b');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('SOC_ERR_NOT_FOUND');
  });

  it('answers 404 for an unknown entity, 400 for an unknown type, 401/403 without a read credential', async () => {
    expect((await get('/v1/entities/user/nobody')).json().error.code).toBe('SOC_ERR_NOT_FOUND');
    expect((await get('/v1/entities/planet/earth')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/entities/user/alice' })).statusCode).toBe(401);
    expect((await get('/v1/entities/user/alice', 'ingest-a')).statusCode).toBe(403);
  });
});
