import type { FastifyInstance } from 'fastify';
import { ManualClock } from '@soc/contracts';
import { type Database, DrizzleAlertRepository, type NewAlert } from '@soc/db';
import type { Credential } from '@soc/http';
import { RouteSpecHarness, fixedKeys } from '../testing/route-spec-harness';
import { alertRoutes } from './alerts';

// Keys as migration 0008 maps pre-role keys: admin scope -> owner, any other scope -> admin.
const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'reader-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['read'] },
  'ingest-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['ingest'] },
  'reader-b': { tenantId: 'tenant-b', roles: ['admin'], scopes: ['read'] },
};
const auth = fixedKeys(KEYS);

const base = Date.UTC(2026, 6, 1);
const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
const alert = (i: number): NewAlert => ({
  id: `a-${String(i).padStart(2, '0')}`,
  kind: i === 7 ? 'correlation' : 'rule',
  ruleId: i % 2 === 0 ? 'rule-even' : 'rule-odd',
  ruleVersion: '3',
  origin: 'native',
  author: 'SOC project',
  title: i % 3 === 0 ? `Password spray from 10.0.0.${i}` : `Encoded PowerShell on host-${i}`,
  level: LEVELS[i % 4] ?? 'low',
  time: new Date(base + i * 60_000),
  firstSeen: new Date(base + i * 60_000 - 1000),
  lastSeen: new Date(base + i * 60_000),
  count: 3,
  techniques: i % 3 === 0 ? ['T1110.003'] : ['T1059.001'],
  tactics: i % 3 === 0 ? ['credential-access'] : ['execution'],
  entities: [{ type: 'host', value: `host-${i}`, path: 'device.hostname' }],
  evidence: [{ eventId: `e-${i}`, time: base + i * 60_000, source: 'okta', classUid: 3002, ruleId: 'r' }],
  finding: { class_uid: 2004, finding_info: { uid: `a-${i}`, title: 'x' } },
  ...(i === 5 ? { suppressedBy: 'exc-1' } : {}),
});

describe('alert routes', () => {
  const clock = new ManualClock(base);
  let db: Database;
  let app: FastifyInstance;
  let h: RouteSpecHarness;

  beforeAll(async () => {
    h = await RouteSpecHarness.open('alerts-routes', clock);
    db = h.db;
    app = h.app;
    const alerts = new DrizzleAlertRepository(db, clock);
    await alerts.insertMany('tenant-a', Array.from({ length: 12 }, (_, i) => alert(i)));
    await app.register(alertRoutes, { auth, alerts });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, key = 'reader-a') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const ids = async (query: string) => {
    const res = await get(`/v1/alerts?${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as { id: string }[]).map((a) => a.id);
  };

  it('lists newest first and pages with a cursor', async () => {
    const first = (await get('/v1/alerts?limit=5')).json();
    expect(first.items.map((a: { id: string }) => a.id)).toEqual(['a-11', 'a-10', 'a-09', 'a-08', 'a-07']);
    expect(first.items[0]).toMatchObject({ ruleId: 'rule-odd', level: 'critical', severityId: 5, status: 'new', evidenceEventIds: ['e-11'], time: new Date(base + 11 * 60_000).toISOString() });
    expect(first.items[0].finding).toBeUndefined();
    const rest: string[] = [];
    let cursor: string | undefined = first.nextCursor;
    while (cursor) {
      const page = (await get(`/v1/alerts?limit=5&cursor=${cursor}`)).json();
      rest.push(...page.items.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(['a-06', 'a-05', 'a-04', 'a-03', 'a-02', 'a-01', 'a-00']);
  });

  it('filters by level, rule, technique, text, time, status and suppression', async () => {
    expect(await ids('level=critical')).toEqual(['a-11', 'a-07', 'a-03']);
    expect(await ids('level=critical&level=low')).toEqual(['a-11', 'a-08', 'a-07', 'a-04', 'a-03', 'a-00']);
    expect(await ids('ruleId=rule-even&technique=T1110.003')).toEqual(['a-06', 'a-00']);
    expect(await ids('q=password%20SPRAY')).toEqual(['a-09', 'a-06', 'a-03', 'a-00']);
    const from = new Date(base + 2 * 60_000).toISOString();
    const to = new Date(base + 4 * 60_000).toISOString();
    expect(await ids(`from=${from}&to=${to}`)).toEqual(['a-03', 'a-02']);
    expect(await ids('status=resolved')).toEqual([]);
    expect(await ids('suppressed=true')).toEqual(['a-05']);
    expect(await ids('suppressed=false')).toHaveLength(11);
    const bad = await get(`/v1/alerts?from=${to}&to=${from}`);
    expect(bad.json().error.code).toBe('SOC_ERR_VALIDATION');
    expect((await get('/v1/alerts?level=severe')).statusCode).toBe(400);
    expect((await get('/v1/alerts?technique=T1')).statusCode).toBe(400);
    expect((await get('/v1/alerts?cursor=xyz')).json().error.code).toBe('SOC_ERR_CURSOR_INVALID');
  });

  it('returns one alert with its evidence and OCSF finding', async () => {
    const res = await get('/v1/alerts/a-07');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'a-07',
      kind: 'correlation',
      author: 'SOC project',
      evidence: [{ eventId: 'e-7', classUid: 3002 }],
      finding: { class_uid: 2004, finding_info: { uid: 'a-7' } },
      entities: [{ type: 'host', value: 'host-7' }],
    });
  });

  it('keeps tenants apart and requires the read scope', async () => {
    const other = await get('/v1/alerts/a-07', 'reader-b');
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('SOC_ERR_NOT_FOUND');
    expect((await get('/v1/alerts', 'reader-b')).json().items).toEqual([]);
    expect((await get('/v1/alerts', 'ingest-a')).json().error.code).toBe('SOC_ERR_FORBIDDEN');
    expect((await app.inject({ method: 'GET', url: '/v1/alerts' })).statusCode).toBe(401);
  });

  it('documents both routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.paths).sort()).toEqual(['/v1/alerts', '/v1/alerts/{id}']);
    expect(spec.paths['/v1/alerts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['level', 'ruleId', 'technique', 'cursor']));
  });
});
