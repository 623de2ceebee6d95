import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '@soc/contracts';
import { type Database, DrizzleAuditRepository, DrizzleRuleRepository, type RuleDocument } from '@soc/db';
import type { Credential } from '@soc/http';
import { RouteSpecHarness, fixedKeys } from '../testing/route-spec-harness';
import { auditRoutes } from './audit';

// Keys as migration 0008 maps pre-role keys: admin scope -> owner, any other scope -> admin.
const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'reader-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['read'] },
  'ingest-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['ingest'] },
  'reader-b': { tenantId: 'tenant-b', roles: ['admin'], scopes: ['read'] },
};
const auth = fixedKeys(KEYS);

const ruleId = (i: number) => `c0ffee00-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
const doc = (i: number): RuleDocument => ({
  path: `rules/r${i}.yml`,
  ruleId: ruleId(i),
  kind: 'detection',
  title: `Rule ${i}`,
  level: 'medium',
  status: 'test',
  logsource: { product: 'windows', category: 'process_creation' },
  tags: [],
  author: 'tester',
  yaml: `title: Rule ${i}\nid: ${ruleId(i)}\nlogsource:\n  product: windows\ndetection:\n  sel:\n    CommandLine|contains: x${i}\n  condition: sel\n`,
});

interface View {
  seq: number;
  action: string;
  targetId: string;
  details: unknown;
  actor: string;
  prevHash: string;
  hash: string;
}

describe('audit routes', () => {
  const clock = new ManualClock(Date.UTC(2026, 7, 1));
  let db: Database;
  let app: FastifyInstance;
  let h: RouteSpecHarness;

  beforeAll(async () => {
    h = await RouteSpecHarness.open('audit-routes', clock);
    db = h.db;
    app = h.app;
    const rules = new DrizzleRuleRepository(db, clock);
    await rules.importRules('tenant-a', { origin: 'custom', actor: 'key-1', reason: 'load', enableNew: true, documents: [1, 2, 3].map(doc) });
    clock.advance(60_000);
    await rules.setEnabled('tenant-a', ruleId(2), false, { actor: 'key-2', reason: 'noisy' });
    clock.advance(60_000);
    await rules.setEnabled('tenant-a', ruleId(2), true, { actor: 'key-2', reason: 'tuned' });
    await rules.importRules('tenant-b', { origin: 'custom', actor: 'key-9', reason: 'load', enableNew: true, documents: [doc(4)] });
    await app.register(auditRoutes, { auth, audit: new DrizzleAuditRepository(db) });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, key = 'reader-a', headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}`, ...headers } });
  const items = async (query: string, key = 'reader-a'): Promise<View[]> => {
    const res = await get(`/v1/audit?${query}`, key);
    expect(res.statusCode).toBe(200);
    return res.json().items as View[];
  };

  it('lists the tenant\'s records oldest first with their chain links, and pages with a cursor', async () => {
    const all = await items('limit=1000');
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < all.length; i++) expect(all[i]?.prevHash).toBe(all[i - 1]?.hash);
    const seen: number[] = [];
    let cursor = '';
    do {
      const res = await get(`/v1/audit?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const body = res.json() as { items: View[]; nextCursor?: string };
      seen.push(...body.items.map((e) => e.seq));
      cursor = body.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.seq));
    expect((await get('/v1/audit?cursor=bogus')).json()).toMatchObject({ error: { code: 'SOC_ERR_CURSOR_INVALID' } });
  });

  it('filters by actor, action, target and time', async () => {
    expect((await items('actor=key-2')).map((e) => e.action)).toEqual(['detection.rule.disabled', 'detection.rule.enabled']);
    expect((await items('action=detection.rule.disabled')).map((e) => e.targetId)).toEqual([ruleId(2)]);
    expect((await items(`targetId=${ruleId(2)}&actor=key-2`)).length).toBe(2);
    const from = new Date(Date.UTC(2026, 7, 1, 0, 1)).toISOString();
    const to = new Date(Date.UTC(2026, 7, 1, 0, 2)).toISOString();
    expect((await items(`from=${from}&to=${to}`)).map((e) => e.action)).toEqual(['detection.rule.disabled']);
    expect((await get(`/v1/audit?from=${to}&to=${from}`)).statusCode).toBe(400);
    expect((await get('/v1/audit?bogus=1')).statusCode).toBe(400);
  });

  it('exports every matching record as NDJSON by Accept header or ?format=ndjson, each export audited first', async () => {
    for (const [url, headers] of [
      ['/v1/audit', { accept: 'application/x-ndjson' }],
      ['/v1/audit?format=ndjson', {}],
    ] as const) {
      const res = await get(url, 'reader-a', headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = res.body.split('\n');
      expect(lines.pop()).toBe('');
      const exported = lines.map((l) => JSON.parse(l) as View);
      expect(exported).toEqual(await items('limit=1000'));
      expect(exported[exported.length - 1]).toMatchObject({ action: 'audit.exported', actor: 'api-key:reader-a', targetType: 'audit', targetId: 'tenant-a', details: { filter: {} } });
    }
    const filtered = await get('/v1/audit?format=ndjson&actor=key-2');
    expect(filtered.body.trim().split('\n')).toHaveLength(2);
    expect((await items('action=audit.exported')).map((e) => e.details)).toEqual([{ filter: {} }, { filter: {} }, { filter: { actor: 'key-2' } }]);
    expect((await get('/v1/audit?format=ndjson&cursor=x')).statusCode).toBe(400);
  });

  it('keeps tenants apart and requires the read scope', async () => {
    const b = await items('limit=1000', 'reader-b');
    expect(b.length).toBeGreaterThan(0);
    expect(b.every((e) => e.actor === 'key-9')).toBe(true);
    expect(b[0]?.prevHash).toBe('0'.repeat(64));
    expect((await get('/v1/audit', 'ingest-a')).statusCode).toBe(403);
    expect((await get('/v1/audit/verify', 'ingest-a')).statusCode).toBe(403);
    expect((await get('/v1/audit', 'nobody')).statusCode).toBe(401);
  });

  it('verify reports ok, then the first broken link after a record is altered in the database', async () => {
    const all = await items('limit=1000');
    expect((await get('/v1/audit/verify')).json()).toEqual({ ok: true, checked: all.length, lastSeq: all.length, lastHash: all[all.length - 1]?.hash });
    const victim = all[2] as View;
    // As the owner with triggers off, as an attacker with database access would have to.
    const tamper = (actor: string) =>
      db.withTenant('tenant-a', async (tx) => {
        await tx.execute(sql`SELECT set_config('role', session_user, true)`);
        await tx.execute(sql`SELECT set_config('session_replication_role', 'replica', true)`);
        await tx.execute(sql`UPDATE audit_events SET actor = ${actor} WHERE tenant_id = 'tenant-a' AND seq = ${victim.seq}`);
      });
    await tamper('someone-else');
    const res = await get('/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, checked: victim.seq, brokenAt: { seq: victim.seq, reason: 'hash-mismatch' } });
    expect((await get('/v1/audit/verify', 'reader-b')).json()).toMatchObject({ ok: true });
    await tamper(victim.actor);
    expect((await get('/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('documents both routes, with the NDJSON export as a second response type', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }> };
    expect(Object.keys(doc.paths['/v1/audit']?.get.responses['200']?.content ?? {})).toEqual(['application/json', 'application/x-ndjson']);
    expect(doc.paths['/v1/audit/verify']?.get.responses['200']).toBeDefined();
  });
});
