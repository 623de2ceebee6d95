import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '@soc/contracts';
import { createLogger } from '@soc/logging';
import { type Stack, buildStack } from './app';
import { bootstrap } from './bootstrap';
import { loadStackConfig } from './config';

const CORPUS = resolve(__dirname, '../../../../shared/corpora/logs/evtx-to-mitre-attack/EVTX_full_APT_attack_steps');
const PSEXEC = readFileSync(join(CORPUS, 'ID11,13,17,18-PSexec as system execution.ndjson'), 'utf8');
const KEY = 'soc_stacktst_' + 'A'.repeat(43);

/**
 * The whole embedded pipeline in one process, driven through HTTP (app.inject): real PGlite,
 * real embedded bus on disk, real DuckDB, real mappers.
 */
describe('embedded stack end to end', () => {
  let dir: string;
  let stack: Stack;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stack-'));
    const config = loadStackConfig({ SOC_DATA_DIR: dir, SOC_BOOTSTRAP_API_KEY: KEY }, []);
    stack = await buildStack(config, createLogger({ level: 'silent', name: 'test' }), systemClock);
    await bootstrap(stack.adapters.db, KEY, systemClock);
    await stack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const http = () => {
    if (!stack.http) throw new Error('stack has no HTTP server');
    return stack.http;
  };
  const call = (method: 'GET' | 'POST', url: string, body?: unknown, key = KEY, headers: Record<string, string> = {}) =>
    http().inject({ method, url, headers: { authorization: `Bearer ${key}`, ...headers }, ...(body !== undefined ? { payload: body as string } : {}) });

  const search = (query: Record<string, unknown>, key = KEY) =>
    call('POST', '/v1/events/search', { from: '2021-06-01T00:00:00Z', to: '2022-06-01T00:00:00Z', limit: 1000, ...query }, key);

  async function until<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('ingests real Sysmon events and finds them normalized to OCSF through search', async () => {
    const lines = PSEXEC.trim().split('\n');
    const res = await call('POST', '/v1/ingest/windows', PSEXEC, KEY, { 'content-type': 'application/x-ndjson' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: lines.length, rejected: 0 });

    const hits = await until(async () => {
      const r = await search({ filters: [{ field: 'device.hostname', op: 'eq', value: 'fs03vuln.offsec.lan' }] });
      const events = r.json<{ events: { event: Record<string, unknown> }[] }>().events;
      return events.length === lines.length ? events : undefined;
    });
    const launch = hits.map((h) => h.event).find((e) => e['class_uid'] === 1007 && JSON.stringify(e).includes('PsExec64.exe'));
    expect(launch).toBeDefined();
    expect(launch?.['raw_data']).toEqual(expect.stringContaining('PsExec64.exe'));

    const byText = await search({ text: 'psexec64', filters: [{ field: 'class_uid', op: 'eq', value: 1007 }] });
    expect(byText.json<{ events: unknown[] }>().events.length).toBeGreaterThan(0);

    const agg = await call('POST', '/v1/events/aggregate', { from: '2021-12-01T00:00:00Z', to: '2021-12-31T00:00:00Z', groupBy: { field: 'class_uid' } });
    expect(agg.statusCode).toBe(200);
    expect(agg.json<{ total: number }>().total).toBe(lines.length);
  });

  it('builds the entity graph from the same events: the host and what ran on it', async () => {
    const host = await until(async () => {
      const r = await call('GET', `/v1/entities/host/${encodeURIComponent('FS03VULN.offsec.lan')}?depth=1`);
      return r.statusCode === 200 ? r.json<{ entity: { value: string }; neighbourhood: { edges: { rel: string; from: { value: string } }[] } }>() : undefined;
    });
    expect(host.entity.value).toBe('fs03vuln');
    expect(host.neighbourhood.edges.some((e) => e.rel === 'ran_on' && e.from.value === 'psexesvc.exe')).toBe(true);
  });

  it('keeps every rejected record with its reason, listable through the API', async () => {
    const res = await call('POST', '/v1/ingest/okta', '{"eventType":"user.session.start"\n{"no":"okta fields"}\n', KEY, { 'content-type': 'application/x-ndjson' });
    expect(res.statusCode).toBe(202);
    const body = res.json<{ accepted: number; rejected: number }>();
    expect(body.rejected).toBeGreaterThanOrEqual(1);
    const listed = await until(async () => {
      const r = await call('GET', '/v1/dead-letters?limit=50');
      expect(r.statusCode).toBe(200);
      const page = r.json<{ items: { stage: string; code: string; reason: string }[] }>();
      const stages = new Set(page.items.map((i) => i.stage));
      return stages.has('ingest') && stages.has('normalize') ? page : undefined;
    });
    expect(listed.items.find((i) => i.stage === 'ingest')?.code).toBe('SOC_ERR_RECORD_UNPARSEABLE');
    expect(listed.items.find((i) => i.stage === 'normalize')?.reason.length).toBeGreaterThan(0);
  });

  it('shows a tenant only its own events and dead letters', async () => {
    await stack.adapters.db.system.createTenant({ id: 'other', name: 'Other' });
    const other = await stack.adapters.db.apiKeys.create('other', { name: 'o', scopes: ['read', 'ingest'], role: 'admin', createdBy: 'test' });
    const r = await search({}, other.plaintext);
    expect(r.json()).toMatchObject({ events: [] });
    expect(r.statusCode).toBe(200);
    const dl = await call('GET', '/v1/dead-letters', undefined, other.plaintext);
    expect(dl.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await call('GET', '/v1/entities/host/fs03vuln', undefined, other.plaintext)).statusCode).toBe(404);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await http().inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await http().inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { state: 'ok', pipeline: 'ok', lake: 'ok' } });
    const metrics = (await http().inject({ url: '/metrics' })).body;
    expect(metrics).toContain('soc_ingest_records_accepted_total');
    // The lake has stored the events above and reports how long they took from ingest (what admission steers by).
    expect(Number(/^soc_lake_ingest_delay_seconds ([\d.e-]+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    // Between SOC_INGEST_MIN_LAG and SOC_INGEST_MAX_LAG (3,000..6,000): 6,000 unless the lake was slow just now.
    const limit = Number(/^soc_ingest_backlog_limit_messages (\d+)$/m.exec(metrics)?.[1]);
    expect(limit).toBeGreaterThanOrEqual(3000);
    expect(limit).toBeLessThanOrEqual(6000);
    const doc = (await http().inject({ url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/ingest/{source}', '/v1/events/search', '/v1/events/aggregate', '/v1/dead-letters']));
  });
});

describe('a worker-only process (SOC_SERVICES=normalize,lake,dlq)', () => {
  it('serves health, readiness and metrics but no gateway or ingest routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-workers-'));
    const config = loadStackConfig({ SOC_DATA_DIR: dir, SOC_SERVICES: 'normalize,lake,dlq', SOC_NORMALIZE_WORKERS: '0' }, []);
    const stack = await buildStack(config, createLogger({ level: 'silent', name: 'test' }), systemClock);
    try {
      await bootstrap(stack.adapters.db, KEY, systemClock);
      await stack.start();
      expect((await stack.http.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await stack.http.inject({ url: '/readyz' })).statusCode).toBe(200);
      expect((await stack.http.inject({ url: '/metrics' })).body).toContain('soc_pipeline_backlog_messages');
      const search = await stack.http.inject({ method: 'POST', url: '/v1/events/search', headers: { authorization: `Bearer ${KEY}` }, payload: {} });
      expect(search.statusCode).toBe(404);
      const ingest = await stack.http.inject({ method: 'POST', url: '/v1/ingest/okta', headers: { authorization: `Bearer ${KEY}` }, payload: '{}' });
      expect(ingest.statusCode).toBe(404);
      // A lake whose store is gone is not ready, and says which dependency failed.
      await stack.adapters.store?.close();
      const notReady = await stack.http.inject({ url: '/readyz' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toMatchObject({ status: 'not ready', checks: { lake: 'error' } });
    } finally {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('search cursors across a restart', () => {
  it('a cursor issued before a restart still pages after it (the signing key is kept in state)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-cursor-'));
    const config = loadStackConfig({ SOC_DATA_DIR: dir, SOC_NORMALIZE_WORKERS: '0' }, []);
    const log = createLogger({ level: 'silent', name: 'test' });
    const body = { from: '2021-06-01T00:00:00Z', to: '2022-06-01T00:00:00Z', limit: 2 };
    const auth = { authorization: `Bearer ${KEY}` };
    let cursor: string | undefined;
    try {
      const first = await buildStack(config, log, systemClock);
      await bootstrap(first.adapters.db, KEY, systemClock);
      await first.start();
      await first.http.inject({ method: 'POST', url: '/v1/ingest/windows', headers: { ...auth, 'content-type': 'application/x-ndjson' }, payload: PSEXEC });
      for (let i = 0; i < 200 && !cursor; i++) {
        await new Promise((r) => setTimeout(r, 50));
        cursor = (await first.http.inject({ method: 'POST', url: '/v1/events/search', headers: auth, payload: body })).json<{ nextCursor?: string }>().nextCursor;
      }
      await first.stop();
      expect(cursor).toBeDefined();
      const second = await buildStack(config, log, systemClock);
      try {
        await second.start();
        const page = await second.http.inject({ method: 'POST', url: '/v1/events/search', headers: auth, payload: { ...body, cursor } });
        expect(page.statusCode).toBe(200);
        expect(page.json<{ events: unknown[] }>().events.length).toBe(2);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
