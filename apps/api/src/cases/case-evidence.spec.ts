import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '@soc/contracts';
import { Database, DrizzleAlertRepository, DrizzleCaseRepository, type NewAlert } from '@soc/db';
import type { StoredEvent } from '@soc/eventstore';
import { DuckDbEventStore } from '@soc/eventstore-duckdb';
import { MAX_CASE_EVIDENCE, caseEvidence } from './case-evidence';

const T = Date.UTC(2026, 6, 1, 9);

function event(tenantId: string, id: string, time: number): StoredEvent {
  return { id, tenantId, time, classUid: 3002, source: 'okta', event: { class_uid: 3002, time, metadata: { uid: id, version: '1.8.0' }, user: { name: 'ann' } } };
}

function alert(id: string, cites: [string, number][]): NewAlert {
  return {
    id,
    kind: 'rule',
    ruleId: 'r1',
    title: 'Password spray',
    level: 'high',
    time: new Date(T),
    firstSeen: new Date(T),
    lastSeen: new Date(T),
    count: 1,
    techniques: [],
    tactics: [],
    entities: [],
    evidence: cites.map(([eventId, time]) => ({ eventId, time, source: 'okta', classUid: 3002, ruleId: 'r1' })),
    evidenceEventIds: cites.map(([eventId]) => eventId),
    finding: {},
  };
}

describe('case evidence', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'case-evidence-'));
  const clock = new ManualClock(T + 3_600_000);
  let db: Database;
  let store: DuckDbEventStore;

  beforeAll(async () => {
    db = await Database.open({ kind: 'pglite', dataDir: path.join(dir, 'db') }, { clock });
    await db.tenants.create({ id: 'tenant-a', name: 'A' });
    await db.tenants.create({ id: 'tenant-b', name: 'B' });
    store = await DuckDbEventStore.open({ path: path.join(dir, 'lake.duckdb'), offThread: false });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('follows case alerts to stored alerts to lake events, oldest first; names what the lake lacks and never reads another tenant', async () => {
    await store.append([event('tenant-a', 'ev-1', T + 1000), event('tenant-a', 'ev-3', T + 3000), event('tenant-b', 'ev-b', T + 2500)]);
    const alerts = new DrizzleAlertRepository(db, clock);
    await alerts.insertMany('tenant-a', [alert('al-1', [['ev-3', T + 3000], ['ev-1', T + 1000]]), alert('al-2', [['ev-2', T + 2000], ['ev-b', T + 2500], ['ev-1', T + 1000]])]);
    const cases = new DrizzleCaseRepository(db, clock);
    const caseAlert = { alertId: 'dedup-1', ruleId: 'r1', ruleTitle: 'Password spray', level: 'high' as const, count: 2, firstSeen: T, lastSeen: T, reason: { kind: 'opened' }, sourceAlertIds: ['al-1', 'al-2', 'al-unknown'] };
    await cases.upsertFromSnapshot('tenant-a', { caseId: 'c1', openedAt: T, updatedAt: T, firstSeen: T, lastSeen: T, severity: 'high', severityReasons: [], tactics: [], timeline: [caseAlert], entities: [], alertCount: 2 });
    const detail = await cases.get('tenant-a', 'c1');
    if (!detail) throw new Error('case not stored');

    const evidence = await caseEvidence('tenant-a', detail, alerts, store);
    expect(evidence.events.map((e) => e.id)).toEqual(['ev-1', 'ev-3']);
    expect(evidence.events[0]?.event).toMatchObject({ user: { name: 'ann' } });
    expect(evidence.missing).toEqual(['ev-2', 'ev-b']);
    expect(evidence.truncated).toBe(false);
  });

  it(`lists the oldest ${MAX_CASE_EVIDENCE} events of a larger case and says it is truncated`, async () => {
    const events = Array.from({ length: MAX_CASE_EVIDENCE + 20 }, (_, i) => event('tenant-b', `bulk-${String(i).padStart(3, '0')}`, T + i * 1000));
    await store.append(events);
    const alerts = new DrizzleAlertRepository(db, clock);
    await alerts.insertMany('tenant-b', [alert('bulk-alert', events.map((e) => [e.id, e.time]))]);
    const cases = new DrizzleCaseRepository(db, clock);
    const caseAlert = { alertId: 'dedup-b', ruleId: 'r1', ruleTitle: 'Password spray', level: 'high' as const, count: 1, firstSeen: T, lastSeen: T, reason: { kind: 'opened' }, sourceAlertIds: ['bulk-alert'] };
    await cases.upsertFromSnapshot('tenant-b', { caseId: 'c2', openedAt: T, updatedAt: T, firstSeen: T, lastSeen: T, severity: 'high', severityReasons: [], tactics: [], timeline: [caseAlert], entities: [], alertCount: 1 });
    const detail = await cases.get('tenant-b', 'c2');
    if (!detail) throw new Error('case not stored');

    const evidence = await caseEvidence('tenant-b', detail, alerts, store);
    expect(evidence.events).toHaveLength(MAX_CASE_EVIDENCE);
    expect(evidence.events[0]?.id).toBe('bulk-000');
    expect(evidence.missing).toEqual([]);
    expect(evidence.truncated).toBe(true);
  });
});
