import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@soc/bus-embedded';
import { type AlertEntity, type AlertPayload, type Envelope, ManualClock, Topics, dlqTopic } from '@soc/contracts';
import type { DrizzleCaseRepository } from '@soc/db';
import { type CaseEvent, type CaseSnapshot, FusionEngine } from '@soc/fusion';
import { createLogger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import { CASE_EVENTS_TOPIC, type CaseWriter } from './case-topic';
import { FusionService } from './fusion-service';
import type { FusionState, FusionStateStore } from './fusion-state';

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const MIN = 60_000;

/** The real repository is a CaseWriter without an adapter (checked by the compiler). */
export const repositoryIsACaseWriter = (r: DrizzleCaseRepository): CaseWriter => r;

/**
 * In-memory CaseWriter that keeps the newest snapshot per case, as the database does, and can be
 * told to fail. Like the database's foreign key, a merge must point at a case already written.
 */
class MemoryCaseWriter implements CaseWriter {
  readonly cases = new Map<string, { snapshot: CaseSnapshot; techniques: Set<string> }>();
  readonly merged = new Map<string, { into: string; actor: string; reason: string }>();
  writes = 0;
  failNext = 0;

  async upsertFromSnapshot(tenantId: string, snapshot: CaseSnapshot, options?: { readonly techniques?: readonly string[] }): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('store unavailable');
    }
    this.writes++;
    const key = `${tenantId}/${snapshot.caseId}`;
    const seen = this.cases.get(key);
    const techniques = seen?.techniques ?? new Set<string>();
    for (const t of options?.techniques ?? []) techniques.add(t);
    if (!seen || snapshot.updatedAt > seen.snapshot.updatedAt || snapshot.alertCount > seen.snapshot.alertCount) this.cases.set(key, { snapshot, techniques });
  }

  async markMerged(tenantId: string, caseId: string, intoCaseId: string, change: { readonly actor: string; readonly reason: string }): Promise<void> {
    if (!this.cases.has(`${tenantId}/${caseId}`) || !this.cases.has(`${tenantId}/${intoCaseId}`)) throw new Error(`merge ${caseId} -> ${intoCaseId} before both cases were written`);
    this.merged.set(`${tenantId}/${caseId}`, { into: intoCaseId, ...change });
  }
}

function alert(id: string, rule: string, at: number, entities: [AlertEntity['type'], string][], technique: string): Envelope<AlertPayload> {
  const iso = new Date(at).toISOString();
  return {
    id,
    tenantId: 'acme',
    type: 'alert.raised',
    schemaVersion: 1,
    occurredAt: iso,
    ingestedAt: iso,
    traceId: `trace-${id}`,
    payload: {
      kind: 'rule',
      ruleId: rule,
      ruleTitle: `Rule ${rule}`,
      level: 'high',
      techniques: [{ id: technique, name: technique, tactics: ['execution'] }],
      tactics: [{ id: 'TA0002', shortname: 'execution', name: 'Execution' }],
      evidence: [{ eventId: `ev-${id}`, time: at, source: 'windows', classUid: 1007, ruleId: rule }],
      evidenceCount: 1,
      entities: entities.map(([type, value]) => ({ type, value, path: type === 'user' ? 'actor.user.name' : 'device.hostname' })),
      firstSeen: at,
      lastSeen: at,
      finding: {},
    },
  };
}

/** State kept as JSON text, as the state database keeps it. */
class MemoryStateStore implements FusionStateStore {
  text: string | undefined;
  saves = 0;

  async load(): Promise<unknown> {
    return this.text === undefined ? undefined : JSON.parse(this.text);
  }

  async save(state: FusionState): Promise<void> {
    this.saves++;
    this.text = JSON.stringify(state);
  }
}

const log = createLogger({ level: 'silent', name: 'fusion-test' });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('timed out');
}

describe('FusionService', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let clock: ManualClock;
  let writer: MemoryCaseWriter;
  let service: FusionService;
  let state: MemoryStateStore;
  const fusionService = (): FusionService => new FusionService({ bus, engine: new FusionEngine({ clock }), writer, clock, metrics: new MetricsRegistry(), state, log, maxBatchSize: 10 });
  const events: Envelope<CaseEvent>[] = [];
  const dead: unknown[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fusion-'));
    bus = await EmbeddedBus.open({ dir, partitions: 2 });
    clock = new ManualClock(T0);
    writer = new MemoryCaseWriter();
    events.length = 0;
    dead.length = 0;
    state = new MemoryStateStore();
    service = fusionService();
    await bus.subscribe({ topic: CASE_EVENTS_TOPIC, group: 'spec-reader', handler: async (b) => void events.push(...b.map((d) => d.value as Envelope<CaseEvent>)) });
    await bus.subscribe({ topic: dlqTopic(Topics.alerts), group: 'spec-dlq', handler: async (b) => void dead.push(...b.map((d) => d.value)) });
  });
  afterEach(async () => {
    await service.stop();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fuses two related alerts from the bus into one stored case with both alerts and why the second joined', async () => {
    await service.start();
    const a1 = alert('a1', 'office-spawns-shell', T0, [['user', 'alice'], ['host', 'ws-17']], 'T1204');
    const a2 = alert('a2', 'lsass-access', T0 + 10 * MIN, [['host', 'ws-17'], ['user', 'alice']], 'T1003');
    const other = alert('b1', 'rdp-from-internet', T0 + 5 * MIN, [['user', 'bob'], ['host', 'ws-42']], 'T1133');
    // One key for all three: the alerts reach fusion in this order.
    await bus.publish(Topics.alerts, [a1, other, a2].map((value) => ({ key: 'acme', value })));
    await bus.publish(Topics.alerts, [{ key: 'acme', value: { not: 'an alert' } as unknown as Envelope }]);
    await until(() => events.length >= 3 && dead.length >= 1);

    expect(writer.cases.size).toBe(2);
    const stored = [...writer.cases.values()].find((c) => c.snapshot.timeline.length === 2);
    if (!stored) throw new Error('no case with two alerts');
    const { snapshot } = stored;
    expect(snapshot.timeline.map((a) => a.firstEnvelopeId)).toEqual(['a1', 'a2']);
    expect(snapshot.timeline[0]?.reason.kind).toBe('opened');
    const joined = snapshot.timeline[1]?.reason;
    if (joined?.kind !== 'joined') throw new Error('a2 did not join');
    expect(joined.shared.map((s) => `${s.type}:${s.value}`).sort()).toEqual(['host:ws-17', 'user:alice']);
    expect(joined.score).toBeGreaterThanOrEqual(joined.threshold);
    expect([...stored.techniques].sort()).toEqual(['T1003', 'T1204']);

    const forCase = events.filter((e) => e.payload.caseId === snapshot.caseId);
    expect(forCase.map((e) => e.type)).toEqual(['fusion.case.opened', 'fusion.case.updated']);
    expect(forCase[1]?.payload).toMatchObject({ change: 'alert-joined', alertId: snapshot.timeline[1]?.alertId });
    expect(forCase.map((e) => e.traceId)).toEqual(['trace-a1', 'trace-a2']);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(dead).toHaveLength(1);
  });

  it('closes the case a bridging alert merges away: marked merged into the survivor after the survivor is written', async () => {
    await service.start();
    const w1 = alert('m1', 'office-spawns-shell', T0, [['user', 'dave'], ['host', 'ws-31']], 'T1204');
    const p1 = alert('m2', 'exe-download', T0 + 4 * MIN, [['ip', '10.20.10.26']], 'T1105');
    const x1 = alert('m3', 'ntlm-privileged-logon', T0 + 20 * MIN, [['host', 'ws-31'], ['ip', '10.20.10.26']], 'T1021');
    // One batch: both cases are opened, bridged and merged in it, so the merge is only valid
    // if it is written after both snapshots.
    await bus.publish(Topics.alerts, [w1, p1, x1].map((value) => ({ key: 'acme', value })));
    await until(() => events.some((e) => e.payload.type === 'fusion.case.updated' && e.payload.change === 'merged'));

    const mergedEvent = events.find((e) => e.payload.type === 'fusion.case.updated' && e.payload.change === 'merged')?.payload;
    if (mergedEvent?.type !== 'fusion.case.updated' || mergedEvent.change !== 'merged') throw new Error('no merged event');
    const [survivor, absorbed] = [mergedEvent.caseId, mergedEvent.mergedCaseIds[0]];
    expect(mergedEvent.mergedCaseIds).toHaveLength(1);
    expect(writer.cases.get(`acme/${survivor}`)?.snapshot.timeline.map((a) => a.firstEnvelopeId)).toEqual(['m1', 'm2', 'm3']);
    expect(writer.cases.get(`acme/${survivor}`)?.snapshot.merges.map((m) => m.caseId)).toEqual([absorbed]);
    expect([...writer.merged.entries()]).toEqual([[`acme/${absorbed}`, { into: survivor, actor: 'system:fusion', reason: expect.stringContaining(mergedEvent.alertId) }]]);
  });

  it('reuses a failed batch\'s results on redelivery: no alert counted twice', async () => {
    writer.failNext = 1;
    await service.start();
    const a1 = alert('r1', 'office-spawns-shell', T0, [['user', 'carol'], ['host', 'ws-9']], 'T1204');
    const a2 = alert('r2', 'lsass-access', T0 + MIN, [['host', 'ws-9'], ['user', 'carol']], 'T1003');
    await bus.publish(Topics.alerts, [a1, a2].map((value) => ({ key: 'acme', value })));
    await until(() => events.length >= 2);
    expect(writer.failNext).toBe(0);
    const [only] = [...writer.cases.values()];
    expect(writer.cases.size).toBe(1);
    expect(only?.snapshot.alertCount).toBe(2);
    expect(only?.snapshot.timeline.map((a) => a.count)).toEqual([1, 1]);
    expect(events.map((e) => e.type)).toEqual(['fusion.case.opened', 'fusion.case.updated']);
  });

  it('after a restart, an alert joins the case opened before it and nothing before the saved offsets is fused again', async () => {
    await service.start();
    const s1 = alert('s1', 'password-spray', T0, [['user', 'erin'], ['ip', '198.51.100.7']], 'T1110');
    await bus.publish(Topics.alerts, [{ key: 'acme', value: s1 }]);
    await until(() => events.length >= 1);
    await service.stop();
    expect(state.saves).toBeGreaterThanOrEqual(1);

    // A new process: a fresh engine, restored from the saved state.
    service = fusionService();
    await service.start();
    const s2 = alert('s2', 'mfa-fatigue', T0 + 15 * MIN, [['user', 'erin']], 'T1621');
    await bus.publish(Topics.alerts, [{ key: 'acme', value: s2 }]);
    await until(() => events.length >= 2);

    expect(events.map((e) => e.type)).toEqual(['fusion.case.opened', 'fusion.case.updated']);
    expect(writer.cases.size).toBe(1);
    const [only] = [...writer.cases.values()];
    expect(only?.snapshot.timeline.map((a) => a.firstEnvelopeId)).toEqual(['s1', 's2']);
    expect(only?.snapshot.alertCount).toBe(2);
  });

  it('starts without state it cannot read, and says so', async () => {
    state.text = JSON.stringify({ version: 9 });
    const warnings: string[] = [];
    service = new FusionService({ bus, engine: new FusionEngine({ clock }), writer, clock, metrics: new MetricsRegistry(), state, log: { warn: (msg: string) => void warnings.push(msg) }, maxBatchSize: 10 });
    await service.start();
    await bus.publish(Topics.alerts, [{ key: 'acme', value: alert('u1', 'office-spawns-shell', T0, [['user', 'gil'], ['host', 'ws-1']], 'T1204') }]);
    await until(() => events.length >= 1);
    expect(warnings).toEqual(['fusion state has an unknown shape; starting without it']);
  });
});
