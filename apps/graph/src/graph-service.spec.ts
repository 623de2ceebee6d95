import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidDelivery } from '@soc/bus';
import { EmbeddedBus } from '@soc/bus-embedded';
import { type AlertPayload, type Envelope, ManualClock, MessageTypes, type OcsfEventPayload, Topics, dlqTopic } from '@soc/contracts';
import { Database, DrizzleEntityGraph } from '@soc/db';
import { type EntityGraph, GraphBatchBuilder, alertObservation, eventObservation } from '@soc/graph';
import { MetricsRegistry } from '@soc/metrics';
import { mapperFor } from '@soc/ocsf';
import { iterateScenario } from '@soc/scenario';
import { GraphService } from './graph-service';

const T0 = Date.UTC(2026, 0, 5);

/** Normalized envelopes of two hours of the scenario, as normalize publishes them. */
function scenarioEnvelopes(tenantId: string): Envelope<OcsfEventPayload>[] {
  const out: Envelope<OcsfEventPayload>[] = [];
  let i = 0;
  for (const r of iterateScenario({ seed: 7, start: new Date(T0), hours: 2, users: 10, chains: 'all' })) {
    const id = `${tenantId}-ev-${i++}`;
    const res = mapperFor(r.source).map(r.record, { tenantId, eventUid: id, receivedAt: r.time });
    if (!res.ok) continue;
    const iso = new Date(res.event.time).toISOString();
    out.push({ id, tenantId, type: MessageTypes.ocsfEventNormalized, schemaVersion: 1, occurredAt: iso, ingestedAt: iso, traceId: id, payload: { source: r.source, classUid: res.event.class_uid, event: res.event } });
  }
  return out;
}

function alertEnvelope(tenantId: string, id: string, entities: [string, string][]): Envelope<AlertPayload> {
  const iso = new Date(T0).toISOString();
  return {
    id,
    tenantId,
    type: MessageTypes.alertRaised,
    schemaVersion: 1,
    occurredAt: iso,
    ingestedAt: iso,
    traceId: id,
    payload: {
      kind: 'rule',
      ruleId: 'r-1',
      ruleTitle: 'Office spawns shell',
      level: 'high',
      techniques: [],
      tactics: [],
      evidence: [{ eventId: 'e', time: T0, source: 'windows', classUid: 1007, ruleId: 'r-1' }],
      evidenceCount: 1,
      entities: entities.map(([type, value]) => ({ type, value, path: 'x' })) as AlertPayload['entities'],
      firstSeen: T0,
      lastSeen: T0,
      finding: {},
    },
  };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The real graph, made to fail the next N writes of one tenant (a dropped connection mid-batch). */
class FlakyGraph implements EntityGraph {
  failures = new Map<string, number>();
  constructor(private readonly inner: EntityGraph) {}
  upsert: EntityGraph['upsert'] = async (tenantId, batch, options) => {
    const left = this.failures.get(tenantId) ?? 0;
    if (left > 0) {
      this.failures.set(tenantId, left - 1);
      throw new Error('connection reset');
    }
    return this.inner.upsert(tenantId, batch, options);
  };
  watermark: EntityGraph['watermark'] = (t, s) => this.inner.watermark(t, s);
  getEntity: EntityGraph['getEntity'] = (t, r) => this.inner.getEntity(t, r);
  neighbourhood: EntityGraph['neighbourhood'] = (t, r, o) => this.inner.neighbourhood(t, r, o);
}

describe('GraphService', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-service-'));
  const clock = new ManualClock(T0);
  let db: Database;
  let graph: DrizzleEntityGraph;
  let bus: EmbeddedBus;
  const dead: Envelope[] = [];
  const events = scenarioEnvelopes('acme');
  // The phishing victim's Word launch: its user and device, as the source spelled them.
  const word = events.find((e) => e.payload.classUid === 1007 && String((e.payload.event['process'] as { name?: string }).name).toLowerCase() === 'winword.exe')?.payload.event as {
    process: { user: { name: string } };
    device: { hostname: string };
  };
  const victim = word.process.user.name;
  const victimHost = word.device.hostname;

  beforeAll(async () => {
    db = await Database.open({ kind: 'pglite', dataDir: join(dir, 'state') }, { clock });
    await db.tenants.create({ id: 'acme', name: 'Acme' });
    await db.tenants.create({ id: 'globex', name: 'Globex' });
    graph = new DrizzleEntityGraph(db, clock);
    bus = await EmbeddedBus.open({ dir: join(dir, 'bus'), partitions: 2 });
    for (const topic of [Topics.ocsfEvents, Topics.alerts]) {
      await bus.subscribe({ topic: dlqTopic(topic), group: 'spec-dlq', handler: async (b) => void dead.push(...b.map((d) => d.value as Envelope)) });
    }
  }, 120_000);
  afterAll(async () => {
    await bus?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds each tenant\'s graph from the event and alert topics; bad messages go to the dead-letter topics', async () => {
    const flaky = new FlakyGraph(graph);
    // acme's first write fails; later globex's write fails after acme's share of that batch was stored.
    flaky.failures.set('acme', 1);
    flaky.failures.set('globex', 1);
    const service = new GraphService({ bus, graph: flaky, clock, metrics: new MetricsRegistry(), maxEventBatch: 300 });
    await service.start();
    // Keyed by host-ish keys over two partitions, as normalize spreads a tenant's events.
    const cloud = scenarioEnvelopes('globex').filter((e) => e.payload.source === 'aws-cloudtrail').slice(0, 40);
    await bus.publish(Topics.ocsfEvents, [...events, ...cloud].map((value, i) => ({ key: `${value.tenantId}:${i % 7}`, value })));
    await bus.publish(Topics.alerts, [
      { key: 'acme:a', value: alertEnvelope('acme', 'alert-1', [['user', victim.toUpperCase()], ['host', victimHost]]) },
      { key: 'globex:a', value: alertEnvelope('globex', 'alert-g', [['user', victim], ['ip', '10.0.0.9']]) },
      { key: 'bad:a', value: alertEnvelope('not a tenant!', 'alert-x', [['user', 'x']]) },
      { key: 'bad:b', value: { not: 'an alert' } as unknown as Envelope },
    ]);
    await until('the graph to catch up', async () => (await service.lag()) === 0 && new Set(dead.map((d) => d.id)).size >= 2);
    await service.stop();

    expect([flaky.failures.get('acme'), flaky.failures.get('globex')]).toEqual([0, 0]);
    // A redelivered batch dead-letters again under the same id (the dead-letter store keeps one).
    const distinct = new Map(dead.map((d) => [d.id, d]));
    expect([...distinct.values()].map((d) => (d.payload as { code: string }).code)).toEqual(['SOC_ERR_MESSAGE_INVALID', 'SOC_ERR_MESSAGE_INVALID']);
    expect(dead.map((d) => (d.payload as { reason: string }).reason)).toEqual(expect.arrayContaining([expect.stringContaining('tenant id is not well-formed')]));

    const user = victim.toLowerCase();
    const host = victimHost.toLowerCase().split('.')[0] as string;
    const around = await graph.neighbourhood('acme', { type: 'user', value: user }, { depth: 2, maxEdgesPerNode: 200, maxNodesPerHop: 500 });
    const rels = new Set(around?.edges.map((e) => `${e.rel}:${e.from.value}->${e.to.value}`));
    expect(rels).toContain(`alerted_with:${host}->${user}`);
    expect(around?.edges.find((e) => e.rel === 'alerted_with')).toMatchObject({ count: 1, evidence: ['alert:alert-1'] });
    expect(rels).toContain(`executed:${user}->winword.exe`);
    expect(rels).toContain('spawned:winword.exe->powershell.exe');
    expect(rels).toContain(`ran_on:winword.exe->${host}`);
    // Exactly once despite the failed write and its redelivery: the counts of one offline fold.
    const offline = new GraphBatchBuilder();
    for (const e of events) offline.observe(eventObservation(e.payload.event, e.payload.source, e.id));
    offline.observe(alertObservation(alertEnvelope('acme', 'alert-1', [['user', victim], ['host', victimHost]]).payload, 'alert-1'));
    const expected = offline.build();
    for (const ref of [{ type: 'user' as const, value: user }, { type: 'host' as const, value: host }, { type: 'process' as const, value: 'powershell.exe' }]) {
      expect((await graph.getEntity('acme', ref))?.count).toBe(expected.entities.find((x) => x.type === ref.type && x.value === ref.value)?.count);
    }
    expect(await graph.getEntity('globex', { type: 'host', value: host })).toBeNull();
    expect((await graph.neighbourhood('globex', { type: 'user', value: user }))?.nodes.map((n) => n.value)).toEqual([user, '10.0.0.9']);
  });

  it('counts each event once: a redelivered batch adds nothing, also in a fresh process', async () => {
    const dc = { type: 'host' as const, value: 'kst-dc01' };
    const before = await graph.getEntity('acme', dc);
    expect(before?.count).toBeGreaterThan(10);
    const deliveries: ValidDelivery<Envelope<OcsfEventPayload>>[] = events.slice(0, 200).map((value, i) => ({ topic: Topics.ocsfEvents, partition: 9, offset: i, key: 'acme', value }));
    const fresh = () => new GraphService({ bus, graph, clock, metrics: new MetricsRegistry() });
    // Partition 9 was never consumed: the first pass applies, a replay (same or new process) does not.
    const service = fresh();
    const observeAll = (s: GraphService, batch: typeof deliveries) => s.handle(batch, (b, m) => b.observe({ time: m.payload.event['time'] as number, evidence: `event:${m.id}`, entities: [dc], edges: [] }));
    await observeAll(service, deliveries);
    const once = (await graph.getEntity('acme', dc))?.count ?? 0;
    expect(once - (before?.count ?? 0)).toBe(200);
    await observeAll(service, deliveries);
    await observeAll(fresh(), deliveries);
    // A longer redelivery applies only the part past the watermark.
    await observeAll(fresh(), [...deliveries, ...events.slice(200, 250).map((value, i) => ({ topic: Topics.ocsfEvents, partition: 9, offset: 200 + i, key: 'acme', value }))]);
    expect((await graph.getEntity('acme', dc))?.count).toBe(once + 50);
    expect(await graph.watermark('acme', 'graph/events.ocsf/9')).toBe(249);
  });
});
