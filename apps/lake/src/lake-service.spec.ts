import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Delivery } from '@soc/bus';
import { EmbeddedBus } from '@soc/bus-embedded';
import { type DeadLetterPayload, type Envelope, ManualClock, Topics, dlqTopic } from '@soc/contracts';
import { DuckDbEventStore } from '@soc/eventstore-duckdb';
import { MetricsRegistry } from '@soc/metrics';
import { DELAY_FRESH_MS, LAKE_CONSUMER, LakeService } from './lake-service';

const T0 = Date.UTC(2026, 3, 1);
const envelope = (n: number) => ({
  id: `ev-${n}`,
  tenantId: 'acme',
  type: 'normalize.event.normalized',
  schemaVersion: 1,
  occurredAt: new Date(T0 + n).toISOString(),
  ingestedAt: new Date(T0).toISOString(),
  traceId: `t-${n}`,
  payload: { source: 'okta', classUid: 3002, event: { class_uid: 3002, category_uid: 3, activity_id: 1, type_uid: 300201, time: T0 + n, severity_id: 1, metadata: { uid: `ev-${n}`, version: '1.8.0', product: { name: 'Okta' } }, raw_data: `{"n":${n}}` } },
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('LakeService', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let store: DuckDbEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lake-'));
    bus = await EmbeddedBus.open({ dir: join(dir, 'bus'), partitions: 1 });
    store = await DuckDbEventStore.open({ path: join(dir, 'lake.duckdb'), cursorSecret: 'k'.repeat(32) });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores valid messages once with their checkpoint and dead-letters the invalid one first', async () => {
    const metrics = new MetricsRegistry();
    const lake = new LakeService({ bus, store, clock: new ManualClock(T0), metrics });
    const bad = { ...envelope(2), payload: { source: 'okta', classUid: 'x' } };
    await bus.publish(Topics.ocsfEvents, [envelope(1), bad, envelope(3), envelope(1)].map((value) => ({ key: 'acme', value: value as never })));
    await lake.start();
    const range = { from: new Date(T0 - 1000).toISOString(), to: new Date(T0 + 1000).toISOString() };
    await until(async () => (await store.aggregate('acme', range)).total === 2 && (await store.checkpoint(LAKE_CONSUMER, Topics.ocsfEvents, 0)) === 4);
    await lake.stop();
    expect((await store.aggregate('acme', range)).total).toBe(2);
    expect(await store.checkpoint(LAKE_CONSUMER, Topics.ocsfEvents, 0)).toBe(4);
    const [hit] = (await store.search('acme', { ...range, filters: [{ field: 'metadata.uid', op: 'eq', value: 'ev-3' }] })).events;
    expect(hit?.event['raw_data']).toBe('{"n":3}');

    const dead: Delivery[] = [];
    const sub = await bus.subscribe({ topic: dlqTopic(Topics.ocsfEvents), group: 'check', handler: async (b) => void dead.push(...b) });
    await until(async () => dead.length > 0);
    await sub.stop();
    const letter = dead[0]?.value as Envelope<DeadLetterPayload>;
    expect(letter.payload).toMatchObject({ stage: 'lake', topic: Topics.ocsfEvents, original: bad });
    expect(letter.payload.reason).toMatch(/classUid/);
    expect(await metrics.render()).toMatch(/soc_lake_events_written_total\{source="okta"\} 3/);
  });

  it('reads a partition it holds no position for from the start, not from where the bus group committed', async () => {
    await bus.publish(Topics.ocsfEvents, [1, 2, 3].map((n) => ({ key: 'acme', value: envelope(n) as never })));
    // The group's commit is past every message, as after a crash that took the lake's unsaved appends.
    const ahead = await bus.subscribe({ topic: Topics.ocsfEvents, group: LAKE_CONSUMER, handler: async () => undefined });
    await until(async () => (await ahead.lag()) === 0);
    await ahead.stop();

    const lake = new LakeService({ bus, store, clock: new ManualClock(T0), metrics: new MetricsRegistry() });
    await lake.start();
    const range = { from: new Date(T0 - 1000).toISOString(), to: new Date(T0 + 1000).toISOString() };
    await until(async () => (await store.aggregate('acme', range)).total === 3);
    await lake.stop();
    expect((await store.aggregate('acme', range)).total).toBe(3);
    expect(await store.checkpoint(LAKE_CONSUMER, Topics.ocsfEvents, 0)).toBe(3);
  });

  it('reports how long the oldest event of its last commit took from ingest, while that commit is recent', async () => {
    const metrics = new MetricsRegistry();
    const clock = new ManualClock(T0 + 5_000);
    const lake = new LakeService({ bus, store, clock, metrics });
    expect(lake.delay()).toBeUndefined();
    // ev-1 and ev-2 were ingested at T0, ev-3 a second later: the batch's oldest is T0.
    const later = { ...envelope(3), ingestedAt: new Date(T0 + 1_000).toISOString() };
    await bus.publish(Topics.ocsfEvents, [later, envelope(1), envelope(2)].map((value) => ({ key: 'acme', value: value as never })));
    await lake.start();
    await until(async () => (await store.checkpoint(LAKE_CONSUMER, Topics.ocsfEvents, 0)) === 3);
    await lake.stop();
    expect(lake.delay()).toBe(5_000);
    expect(await metrics.render()).toMatch(/soc_lake_ingest_delay_seconds 5\b/);
    clock.advance(DELAY_FRESH_MS);
    expect(lake.delay()).toBe(5_000);
    // An idle lake's last delay says nothing about the pipeline now.
    clock.advance(1);
    expect(lake.delay()).toBeUndefined();
  });
});
