import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@soc/contracts';
import { createLogger } from '@soc/logging';
import { type Stack, buildStack } from './app';
import { bootstrap } from './bootstrap';
import { loadStackConfig } from './config';
import { startDemo } from './demo';
import { DrizzleCaseRepository, DrizzleRuleRepository } from '@soc/db';
import { seedNativeRules } from './native-rules';

const KEY = 'soc_demotest_' + 'D'.repeat(43);

describe('demo mode', () => {
  let dir: string;
  let stack: Stack;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-'));
    stack = await buildStack(loadStackConfig({ SOC_DATA_DIR: dir, SOC_NORMALIZE_WORKERS: '0' }, ['--demo']), createLogger({ level: 'silent', name: 't' }), systemClock);
    await bootstrap(stack.adapters.db, KEY, systemClock);
    const seeded = await seedNativeRules(new DrizzleRuleRepository(stack.adapters.db), 'default');
    expect(seeded.created).toBeGreaterThan(20);
    expect(seeded.rejected).toEqual([]);
    await stack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audits the seeded rules in a verifiable chain, served by the API', async () => {
    const verify = await stack.http.inject({ method: 'GET', url: '/v1/audit/verify', headers: { authorization: `Bearer ${KEY}` } });
    expect(verify.json()).toMatchObject({ ok: true });
    expect(verify.json().checked).toBeGreaterThan(20);
    const trail = await stack.http.inject({ method: 'GET', url: '/v1/audit?limit=5', headers: { authorization: `Bearer ${KEY}` } });
    // The bootstrap key's creation opens the chain; the seeded rules follow.
    expect(trail.json().items.slice(0, 2)).toMatchObject([
      { actor: 'system:bootstrap', action: 'iam.key.created' },
      { actor: 'system:seed', action: 'detection.rule.created' },
    ]);
  });

  it('replays generated company telemetry through the pipeline, on the wall clock, from many sources', async () => {
    const ingest = stack.ingest;
    if (!ingest || !stack.http) throw new Error('stack lacks ingest');
    const demo = startDemo(ingest, 'default', 3600, systemClock, createLogger({ level: 'silent', name: 'demo' }));
    const now = Date.now();
    const range = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() };
    let sources: string[] = [];
    let alerts: { ruleId: string; title: string; origin: string | null }[] = [];
    try {
      for (let i = 0; i < 400 && (sources.length < 4 || alerts.length === 0); i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await stack.http.inject({ method: 'POST', url: '/v1/events/aggregate', headers: { authorization: `Bearer ${KEY}` }, payload: { ...range, groupBy: { field: 'metadata.product.name', limit: 20 } } });
        sources = (res.json<{ buckets?: { key: string }[] }>().buckets ?? []).map((b) => b.key);
        const page = await stack.http.inject({ method: 'GET', url: '/v1/alerts?limit=50', headers: { authorization: `Bearer ${KEY}` } });
        alerts = page.json<{ items: typeof alerts }>().items;
      }
    } finally {
      await demo.stop();
    }
    expect(sources.length).toBeGreaterThanOrEqual(4);
    // The native starter rules raise alerts on the demo's attack chains out of the box.
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.origin === 'native')).toBe(true);
    // Fusion turns them into cases, each alert with the reason it joined.
    let cases: Awaited<ReturnType<DrizzleCaseRepository['list']>>['items'] = [];
    for (let i = 0; i < 100 && cases.length === 0; i++) {
      cases = (await new DrizzleCaseRepository(stack.adapters.db).list('default')).items;
      if (cases.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(cases.length).toBeGreaterThan(0);
    const detail = await new DrizzleCaseRepository(stack.adapters.db).get('default', cases[0]?.id ?? '');
    expect(detail?.alerts.length).toBeGreaterThan(0);
    expect(detail?.alerts.every((a) => a.sourceAlertIds.length > 0)).toBe(true);
    // The case detail cites its evidence events from the lake (the lake may trail detection briefly).
    type Evidence = { events: { id: string; event: { metadata?: { uid?: string } } }[]; missing: string[]; truncated: boolean };
    let evidence: Evidence | undefined;
    for (let i = 0; i < 100 && (evidence === undefined || evidence.missing.length > 0); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      const res = await stack.http.inject({ method: 'GET', url: `/v1/cases/${cases[0]?.id ?? ''}`, headers: { authorization: `Bearer ${KEY}` } });
      evidence = res.json<{ evidence?: Evidence }>().evidence;
    }
    expect(evidence?.missing).toEqual([]);
    expect(evidence?.events.length).toBeGreaterThan(0);
    for (const e of evidence?.events ?? []) expect(e.event.metadata?.uid).toBe(e.id);
    // The entity graph names the case's entities and lists the case and its alerts with them.
    const entity = cases[0]?.entities[0];
    if (!entity) throw new Error('case without entities');
    let view: { alerts: { items: { id: string }[] }; cases: { items: { id: string }[] } } | undefined;
    for (let i = 0; i < 100 && !view; i++) {
      const res = await stack.http.inject({ method: 'GET', url: `/v1/entities/${entity.type}/${encodeURIComponent(entity.value)}?depth=2`, headers: { authorization: `Bearer ${KEY}` } });
      if (res.statusCode === 200) view = res.json();
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(view?.cases.items.map((c) => c.id)).toContain(cases[0]?.id);
    expect(view?.alerts.items.length).toBeGreaterThan(0);
  }, 60_000);
});
