import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@soc/bus-embedded';
import { type AlertPayload, type Envelope, ManualClock, type OcsfEventPayload, Topics, deterministicId } from '@soc/contracts';
import { createLogger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { ocsfFieldMapping, windowsFieldMapping } from '@soc/sigma';
import type { DetectionState, DetectionStateStore } from './detection-state';
import { DetectionService } from './detection-service';
import type { DetectionException } from './exceptions';
import type { DetectionRuleSource, TenantRulePack } from './rule-source';
import { TenantDetectors } from './tenant-detectors';

const WHOAMI = `
title: Whoami Execution
id: 5c7d9a4e-0b6f-4e0a-9f44-3f4c2d1b7a01
name: whoami_exec
status: test
level: medium
author: Test Author
tags: [attack.discovery, attack.t1033]
logsource: { category: process_creation, product: windows }
detection:
  selection: { Image|endswith: '\\whoami.exe' }
  condition: selection
`;
const BURST = `
title: Whoami Burst
id: 5c7d9a4e-0b6f-4e0a-9f44-3f4c2d1b7a02
status: test
level: high
author: Test Author
correlation: { type: event_count, rules: [whoami_exec], group-by: [User], timespan: 10m, condition: { gte: 3 }, generate: true }
`;

/** The rule store's port, held in memory: the rule store itself is tested with its database. */
class MemoryRules implements DetectionRuleSource {
  pack: TenantRulePack = { version: '1', documents: [{ file: 'whoami.yml', text: `${WHOAMI}---${BURST}`, origin: 'custom', version: '1' }], exceptions: [] };
  async version(): Promise<string> {
    return this.pack.version;
  }
  async load(): Promise<TenantRulePack> {
    return this.pack;
  }
}

class MemoryState implements DetectionStateStore {
  saved: DetectionState | undefined;
  async load(): Promise<DetectionState | undefined> {
    return this.saved === undefined ? undefined : (JSON.parse(JSON.stringify(this.saved)) as DetectionState);
  }
  async save(state: DetectionState): Promise<void> {
    this.saved = JSON.parse(JSON.stringify(state)) as DetectionState;
  }
}

const T0 = Date.UTC(2026, 0, 5, 9);

function sysmonEnvelope(n: number, user: string, image = 'C:\\Windows\\System32\\whoami.exe'): Envelope<OcsfEventPayload> {
  const record = {
    Event: {
      System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws-01.corp.example', TimeCreated: { '#attributes': { SystemTime: new Date(T0 + n * 1000).toISOString() } } },
      EventData: { Image: image, CommandLine: 'whoami /all', User: `CORP\\${user}`, ParentImage: 'C:\\Windows\\explorer.exe', ProcessId: 100 + n, ProcessGuid: `{00000000-0000-0000-0000-${String(n).padStart(12, '0')}}` },
    },
  };
  const id = deterministicId('test', String(n), user);
  const res = mapperFor('windows').map(record, { tenantId: 'acme', eventUid: id, receivedAt: T0 + n * 1000 });
  if (!res.ok) throw new Error(res.reason);
  return { id, tenantId: 'acme', type: 'normalize.event.normalized', schemaVersion: 1, occurredAt: new Date(res.event.time).toISOString(), ingestedAt: new Date(T0).toISOString(), traceId: id, payload: { source: 'windows', classUid: res.event.class_uid, event: res.event } };
}

const resolveAttack = (tags: readonly string[]) => ({
  techniques: tags.includes('attack.t1033') ? [{ id: 'T1033', name: 'System Owner/User Discovery', tactics: ['discovery'] }] : [],
  tactics: tags.includes('attack.discovery') || tags.includes('attack.t1033') ? [{ id: 'TA0007', shortname: 'discovery', name: 'Discovery' }] : [],
});

describe('DetectionService', () => {
  let dir: string;
  let bus: EmbeddedBus;
  const rules = new MemoryRules();
  const state = new MemoryState();
  const clock = new ManualClock(T0);
  const log = createLogger({ level: 'silent', name: 'detection-test' });

  const service = () =>
    new DetectionService({
      bus,
      detectors: new TenantDetectors({ source: rules, nativeMapping: windowsFieldMapping, ocsfMapping: ocsfFieldMapping, clock, log, refreshMs: 0 }),
      state,
      resolveAttack,
      clock,
      metrics: new MetricsRegistry(),
      log,
      saveEveryMs: 0,
    });

  async function alertsSoFar(min: number): Promise<Envelope<AlertPayload>[]> {
    const got: Envelope<AlertPayload>[] = [];
    const sub = await bus.subscribe({ topic: Topics.alerts, group: `reader-${Math.random()}`, handler: async (b) => void got.push(...b.map((d) => d.value as Envelope<AlertPayload>)) });
    for (let i = 0; i < 200 && got.length < min; i++) await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    return got;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'detection-'));
    bus = await EmbeddedBus.open({ dir, partitions: 2 });
  });
  afterAll(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises a valid OCSF Detection Finding with attribution, ATT&CK, evidence and entities; a correlation survives a restart', async () => {
    const first = service();
    await first.start();
    await bus.publish(Topics.ocsfEvents, [sysmonEnvelope(1, 'alice'), sysmonEnvelope(2, 'alice'), sysmonEnvelope(3, 'bob', 'C:\\Windows\\notepad.exe')].map((v) => ({ key: 'acme:ws-01', value: v })));
    const before = await alertsSoFar(2);
    await first.stop();
    expect(before.map((a) => a.payload.ruleTitle)).toEqual(['Whoami Execution', 'Whoami Execution']);
    const a = before[0] as Envelope<AlertPayload>;
    expect(a.payload).toMatchObject({ kind: 'rule', level: 'medium', author: 'Test Author', origin: 'custom', techniques: [{ id: 'T1033' }], tactics: [{ id: 'TA0007' }] });
    expect(a.payload.evidence[0]?.eventId).toBe(sysmonEnvelope(1, 'alice').id);
    expect(a.payload.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'host', value: 'ws-01' })]));
    expect(validateOcsf(a.payload.finding)).toEqual({ valid: true });

    // A new process: the third whoami of alice completes the burst from the saved state.
    const second = service();
    await second.start();
    await bus.publish(Topics.ocsfEvents, [{ key: 'acme:ws-01', value: sysmonEnvelope(4, 'alice') }]);
    const after = await alertsSoFar(4);
    await second.stop();
    const burst = after.filter((x) => x.payload.kind === 'correlation');
    expect(burst).toHaveLength(1);
    expect(burst[0]?.payload).toMatchObject({ ruleTitle: 'Whoami Burst', level: 'high', evidenceCount: 3 });
    expect(validateOcsf(burst[0]?.payload.finding)).toEqual({ valid: true });
    // Nothing was evaluated twice: three rule alerts in all (events 1, 2, 4), ids unique.
    expect(new Set(after.filter((x) => x.payload.kind === 'rule').map((x) => x.id)).size).toBe(3);
    expect(burst[0]?.payload.evidence.map((e) => e.eventId)).toEqual([1, 2, 4].map((n) => sysmonEnvelope(n, 'alice').id));
  });

  it('decides close-time correlations of a live stream when traffic stops, not of a replay', async () => {
    const exactlyTwo = `${WHOAMI}---
title: Exactly Two Whoami
id: 5c7d9a4e-0b6f-4e0a-9f44-3f4c2d1b7a03
status: test
level: low
correlation: { type: event_count, rules: [whoami_exec], group-by: [User], timespan: 10m, condition: { eq: 2 }, generate: true }
`;
    rules.pack = { version: 'live', documents: [{ file: 'live.yml', text: exactlyTwo, origin: 'custom' }], exceptions: [] };
    const s = new DetectionService({
      bus,
      detectors: new TenantDetectors({ source: rules, nativeMapping: windowsFieldMapping, ocsfMapping: ocsfFieldMapping, clock, log, refreshMs: 0, correlationLimits: { allowedLatenessMs: 60_000 } }),
      state: new MemoryState(),
      resolveAttack,
      clock,
      metrics: new MetricsRegistry(),
      log,
      liveFlush: { everyMs: 3_600_000, liveWithinMs: 15 * 60_000 },
    });
    await s.start();
    await bus.publish(Topics.ocsfEvents, [sysmonEnvelope(100, 'frank'), sysmonEnvelope(101, 'frank')].map((value) => ({ key: 'acme:ws-01', value })));
    // Reads everything on the alert topic for a while (a fresh group sees the whole topic).
    const closed = async () => {
      const got: Envelope<AlertPayload>[] = [];
      const sub = await bus.subscribe({ topic: Topics.alerts, group: `closed-${Math.random()}`, handler: async (b) => void got.push(...b.map((d) => d.value as Envelope<AlertPayload>)) });
      await new Promise((r) => setTimeout(r, 300));
      await sub.stop();
      return got.filter((a) => a.payload.ruleTitle === 'Exactly Two Whoami');
    };
    for (let i = 0; i < 100 && (await s.lag()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    // A replay: the clock is a day past the events, so event time alone decides (nothing yet).
    clock.set(T0 + 86_400_000);
    await s.flushLiveWindows();
    expect(await closed()).toEqual([]);
    // Live: the clock is just past the window end plus lateness; the window is decided now.
    clock.set(T0 + 101_000 + 10 * 60_000 + 60_000 + 1);
    await s.flushLiveWindows();
    await s.stop();
    expect((await closed()).map((a) => a.payload.evidenceCount)).toEqual([2]);
  });

  it('keeps an alert an exception matches, marked suppressed with the exception id', async () => {
    const exception: DetectionException = { id: 'exc-1', ruleId: '5c7d9a4e-0b6f-4e0a-9f44-3f4c2d1b7a01', field: 'actor.user.name', op: 'eq', values: ['nobody', 'CAROL'], expiresAt: null };
    rules.pack = { ...rules.pack, version: '2', exceptions: [exception] };
    const s = service();
    await s.start();
    await bus.publish(Topics.ocsfEvents, [{ key: 'acme:ws-01', value: sysmonEnvelope(50, 'carol') }]);
    const all = await alertsSoFar(5);
    await s.stop();
    const carol = all.find((x) => x.payload.evidence[0]?.eventId === sysmonEnvelope(50, 'carol').id);
    expect(carol?.payload.suppressedBy).toBe('exc-1');
    expect(carol?.payload.finding['status_id']).toBe(3);
  });
});
