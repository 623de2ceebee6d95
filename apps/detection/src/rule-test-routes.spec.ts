import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ManualClock, deterministicId } from '@soc/contracts';
import type { StoredEvent } from '@soc/eventstore';
import { DuckDbEventStore } from '@soc/eventstore-duckdb';
import { type Authenticator, type Credential, createHttpServer, principalFor } from '@soc/http';
import { createLogger } from '@soc/logging';
import { mapperFor } from '@soc/ocsf';
import { ocsfFieldMapping, windowsFieldMapping } from '@soc/sigma';
import { ruleTestRoutes } from './rule-test-routes';

// Keys as migration 0008 maps pre-role keys: admin scope -> owner, any other scope -> admin.
const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'reader-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['read'] },
  'reader-b': { tenantId: 'tenant-b', roles: ['admin'], scopes: ['read'] },
  'ingest-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['ingest'] },
};
const auth: Authenticator = { authenticate: async (t) => (KEYS[t] ? principalFor({ ...KEYS[t], keyId: t }) : undefined) };

const RULE = `
title: Encoded PowerShell
id: 0f6a3c1e-7b2d-4d8e-9a51-2c4e6b8d0a11
name: enc_ps
status: test
level: high
logsource: { category: process_creation, product: windows }
detection:
  selection:
    Image|endswith: '\\powershell.exe'
    CommandLine|contains|windash: ' -enc '
  condition: selection
---
title: Repeated Encoded PowerShell
id: 0f6a3c1e-7b2d-4d8e-9a51-2c4e6b8d0a12
correlation: { type: event_count, rules: [enc_ps], group-by: [Computer], timespan: 1h, condition: { gte: 2 } }
`;

const T0 = Date.UTC(2026, 2, 1, 10);
function sysmon(n: number, cmd: string): Record<string, unknown> {
  return {
    Event: {
      System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws-07', TimeCreated: { '#attributes': { SystemTime: new Date(T0 + n * 60_000).toISOString() } } },
      EventData: { Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', CommandLine: cmd, User: 'CORP\\eve', ProcessGuid: `{g-${n}}` },
    },
  };
}
function stored(tenantId: string, n: number, cmd: string): StoredEvent {
  const id = deterministicId('rt', tenantId, String(n));
  const res = mapperFor('windows').map(sysmon(n, cmd), { tenantId, eventUid: id, receivedAt: T0 });
  if (!res.ok) throw new Error(res.reason);
  return { id, tenantId, time: res.event.time, classUid: res.event.class_uid, source: 'windows', event: res.event };
}

describe('POST /v1/rules/test', () => {
  let dir: string;
  let store: DuckDbEventStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rule-test-'));
    store = await DuckDbEventStore.open({ path: join(dir, 'lake.duckdb'), cursorSecret: 'x'.repeat(32) });
    await store.append([stored('tenant-a', 1, 'powershell.exe -enc SQBFAFgA'), stored('tenant-a', 2, 'powershell.exe -Command Get-Date'), stored('tenant-a', 3, 'powershell.exe /enc SQBFAFgA'), stored('tenant-b', 4, 'powershell.exe -enc QQBCAEMA')]);
    app = await createHttpServer({ logger: createLogger({ level: 'silent', name: 't' }), bodyLimit: 1024 * 1024, title: 't', version: '0', docs: false });
    await app.register(ruleTestRoutes, { auth, store, nativeMapping: windowsFieldMapping, ocsfMapping: ocsfFieldMapping, clock: new ManualClock(T0) });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (key: string, body: unknown) => app.inject({ method: 'POST', url: '/v1/rules/test', headers: { authorization: `Bearer ${key}` }, payload: body as Record<string, unknown> });

  it('runs the rules over sample events, native and OCSF alike', async () => {
    const ocsf = stored('tenant-a', 9, 'powershell.exe -enc AAAA').event;
    const res = await post('reader-a', { rule: RULE, events: [sysmon(1, 'powershell.exe -enc SQBFAFgA'), sysmon(2, 'powershell.exe -nop'), ocsf] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.problems).toEqual([]);
    expect(body.rules.map((r: { kind: string }) => r.kind)).toEqual(['rule', 'correlation']);
    expect(body.samples.matches.map((m: { event: number; view: string }) => [m.event, m.view])).toEqual([[0, 'native'], [2, 'native']]);
    expect(body.samples.correlations).toEqual([expect.objectContaining({ ruleTitle: 'Repeated Encoded PowerShell', eventCount: 2, events: [0, 2] })]);
  });

  it('retro-hunts over the caller tenant stored events only', async () => {
    const range = { from: new Date(T0 - 3600_000).toISOString(), to: new Date(T0 + 3600_000).toISOString() };
    const a = (await post('reader-a', { rule: RULE, ...range })).json();
    expect(a.stored.evaluated).toBe(3);
    expect(a.stored.matches.map((m: { event: string }) => m.event)).toEqual([stored('tenant-a', 1, '').id, stored('tenant-a', 3, '').id]);
    expect(a.stored.correlations[0].events).toEqual([stored('tenant-a', 1, '').id, stored('tenant-a', 3, '').id]);
    const b = (await post('reader-b', { rule: RULE, ...range })).json();
    expect(b.stored.matches.map((m: { event: string }) => m.event)).toEqual([stored('tenant-b', 4, '').id]);
  });

  it('reports rule problems with the place and reason instead of failing', async () => {
    const res = await post('reader-a', { rule: RULE.replace('Image|endswith', 'Image|endswithh'), events: [sysmon(1, 'x')] });
    expect(res.statusCode).toBe(200);
    expect(res.json().problems[0]).toMatchObject({ code: 'SOC_ERR_SIGMA_RULE_INVALID', details: expect.objectContaining({ rule: '0f6a3c1e-7b2d-4d8e-9a51-2c4e6b8d0a11' }) });
  });

  it('refuses requests without events or range, and keys without the read scope', async () => {
    expect((await post('reader-a', { rule: RULE })).statusCode).toBe(400);
    expect((await post('reader-a', { rule: RULE, from: new Date(T0).toISOString() })).statusCode).toBe(400);
    expect((await post('ingest-a', { rule: RULE, events: [] })).statusCode).toBe(403);
    expect((await post('nobody', { rule: RULE, events: [] })).statusCode).toBe(401);
  });
});
