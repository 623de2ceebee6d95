import { type AlertPayload, type Envelope, ManualClock } from '@soc/contracts';
import { FusionEngine } from './engine';
import { alert, domainNoise, HOUR, MIN, T0 } from './synthetic-alerts.fixture';
import { CASE_OPENED, CASE_UPDATED, type IngestResult } from './types';

/** Feeds alerts in order, the clock following each alert's time (as the live service would see it). */
function run(engine: FusionEngine, clock: ManualClock, alerts: readonly Envelope<AlertPayload>[]): IngestResult[] {
  return alerts.map((a) => {
    clock.set(Math.max(clock.now(), a.payload.lastSeen));
    return engine.ingest(a);
  });
}

function caseOf(results: readonly IngestResult[], index: number): string {
  const r = results[index];
  if (!r || r.status === 'suppressed') throw new Error(`alert ${index} has no case`);
  return r.caseId;
}

/** Two intrusions in one domain that touch the same domain controller and nothing else in common. */
function twoChainsSharingDc(): Envelope<AlertPayload>[] {
  const t = T0 + 6 * HOUR;
  return [
    alert({ id: 'a1', rule: 'office-spawns-shell', at: t, entities: [['user', 'alice'], ['host', 'ws-17']], tactics: ['execution'] }),
    alert({ id: 'b1', rule: 'rdp-from-internet', at: t + 5 * MIN, entities: [['user', 'bob'], ['host', 'ws-42'], ['ip', '203.0.113.9']], tactics: ['initial-access'] }),
    alert({ id: 'a2', rule: 'lsass-access', at: t + 20 * MIN, entities: [['host', 'ws-17'], ['user', 'alice'], ['host', 'dc01']], tactics: ['credential-access'] }),
    alert({ id: 'b2', rule: 'kerberoasting', at: t + 30 * MIN, entities: [['user', 'bob'], ['host', 'dc01']], tactics: ['credential-access'] }),
    alert({ id: 'a3', rule: 'psexec-service', at: t + 40 * MIN, entities: [['host', 'dc01'], ['user', 'alice'], ['host', 'ws-17']], tactics: ['lateral-movement'] }),
    alert({ id: 'n1', rule: 'ntds-dit-read', at: t + 50 * MIN, entities: [['host', 'dc01'], ['user', 'svc-backup']], tactics: ['credential-access'] }),
  ];
}

describe('FusionEngine grouping', () => {
  it('keeps two chains that share only a domain controller apart, and says why', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock });
    const noise = domainNoise(60, T0 + 6 * HOUR);
    const results = run(engine, clock, [...noise, ...twoChainsSharingDc()]);
    const at = (i: number): string => caseOf(results, noise.length + i);
    const [a1, b1, a2, b2, a3, n1] = [at(0), at(1), at(2), at(3), at(4), at(5)];
    expect([a2, a3]).toEqual([a1, a1]);
    expect(b2).toBe(b1);
    expect(new Set([a1, b1, n1]).size).toBe(3);
    expect(engine.entityWeight('acme', { type: 'host', value: 'dc01' })).toBeLessThan(0.6);

    // b2 reached case B through bob alone (the DC was only in case A); it did not touch case A.
    const bReason = engine.case('acme', b1)?.timeline.find((x) => x.firstEnvelopeId === 'b2')?.reason;
    expect(bReason?.kind === 'joined' && bReason.shared.map((s) => `${s.type}:${s.value}`)).toEqual(['user:bob']);
    // a3 shares the DC, alice and ws-17 with case A: the DC adds little, the rare entities carry it.
    const aReason = engine.case('acme', a1)?.timeline.find((x) => x.firstEnvelopeId === 'a3')?.reason;
    if (aReason?.kind !== 'joined') throw new Error('a3 did not join');
    const w = Object.fromEntries(aReason.shared.map((s) => [`${s.type}:${s.value}`, s.weight]));
    expect(Object.keys(w)).toEqual(['host:dc01', 'host:ws-17', 'user:alice']);
    expect(w['host:dc01']).toBeLessThan(0.35);
    expect(w['user:alice']).toBeGreaterThan(0.8);
    expect(aReason.score).toBeCloseTo(Object.values(w).reduce((x, y) => x + y, 0), 12);

    // The backup service on the DC shared only the DC with chain A: it came close to nothing.
    const n1Reason = engine.case('acme', n1)?.timeline[0]?.reason;
    expect(n1Reason?.kind).toBe('opened');
    if (n1Reason?.kind !== 'opened') throw new Error('n1 joined');
    expect(n1Reason.bestCandidate?.shared.map((s) => s.value)).toEqual(['dc01']);
    expect(n1Reason.bestCandidate?.score).toBeLessThan(n1Reason.threshold);
  });

  it('joins one chain across mailbox -> user -> host -> access key -> cloud principal -> repository', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock });
    const t = T0 + HOUR;
    const chain = [
      alert({ id: 'c1', rule: 'phish-link-clicked', at: t, entities: [['mailbox', 'carol@corp.example'], ['user', 'carol']], tactics: ['initial-access'] }),
      alert({ id: 'c2', rule: 'encoded-powershell', at: t + 10 * MIN, entities: [['user', 'carol'], ['host', 'ws-9']], tactics: ['execution'] }),
      alert({ id: 'c3', rule: 'aws-creds-file-read', at: t + 30 * MIN, entities: [['host', 'ws-9'], ['access_key', 'akia5example0001']], tactics: ['credential-access'] }),
      alert({ id: 'c4', rule: 'aws-recon-burst', at: t + 2 * HOUR, entities: [['access_key', 'akia5example0001'], ['cloud_principal', 'arn:aws:iam::123:user/ci'], ['ip', '198.51.100.7']], tactics: ['discovery'] }),
      alert({ id: 'c5', rule: 'repo-bulk-clone', at: t + 3 * HOUR, entities: [['cloud_principal', 'arn:aws:iam::123:user/ci'], ['repository', 'corp/payments']], tactics: ['exfiltration'] }),
    ];
    const results = run(engine, clock, chain);
    const ids = results.map((_, i) => caseOf(results, i));
    expect(new Set(ids).size).toBe(1);
    expect(results.map((r) => r.events.map((e) => e.type))).toEqual([[CASE_OPENED], [CASE_UPDATED], [CASE_UPDATED], [CASE_UPDATED], [CASE_UPDATED]]);

    const c = engine.case('acme', ids[0] ?? '');
    expect(c?.tactics).toEqual(['initial-access', 'execution', 'credential-access', 'discovery', 'exfiltration']);
    expect(c?.timeline.map((x) => x.firstEnvelopeId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(c?.severity).toBe('critical');
    const c4 = c?.timeline[3]?.reason;
    expect(c4?.kind === 'joined' && c4.shared.map((s) => s.type)).toEqual(['access_key']);
  });

  it('raises severity step by step as the case moves along the kill chain', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock });
    const u: ['user', string] = ['user', 'dave'];
    // A warm tenant: on a nearly empty one, an entity in all of its few alerts would look common.
    run(engine, clock, domainNoise(40, T0));
    const results = run(engine, clock, [
      alert({ id: 's1', rule: 'r1', at: T0, entities: [u], tactics: ['initial-access'] }),
      alert({ id: 's2', rule: 'r2', at: T0 + MIN, entities: [u], tactics: ['execution'] }),
      alert({ id: 's3', rule: 'r3', at: T0 + 2 * MIN, entities: [u], tactics: ['persistence'] }),
      alert({ id: 's4', rule: 'r4', at: T0 + 3 * MIN, entities: [u], tactics: ['lateral-movement'] }),
    ]);
    const severities = results.map((r) => r.events[0]?.case.severity);
    expect(severities).toEqual(['medium', 'medium', 'high', 'critical']);
    const last = results[3]?.events[0];
    expect(last?.type === CASE_UPDATED && [last.severityFrom, last.newTactics]).toEqual(['high', ['lateral-movement']]);
  });

  it('orders the timeline by event time when an earlier alert arrives late', () => {
    const clock = new ManualClock(T0 + HOUR);
    const engine = new FusionEngine({ clock });
    engine.ingest(alert({ id: 'late1', rule: 'r1', at: T0 + 30 * MIN, entities: [['user', 'erin']], tactics: ['execution'] }));
    const r = engine.ingest(alert({ id: 'late0', rule: 'r0', at: T0, entities: [['user', 'erin']], tactics: ['initial-access'] }));
    const c = r.events[0]?.case;
    expect(c?.timeline.map((x) => x.firstEnvelopeId)).toEqual(['late0', 'late1']);
    expect([c?.firstSeen, c?.lastSeen]).toEqual([T0, T0 + 30 * MIN]);
  });

  it('does not join through an entity last seen in the case longer ago than the join window', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock, config: { joinWindowMs: 24 * HOUR } });
    const r = run(engine, clock, [
      alert({ id: 'w1', rule: 'r1', at: T0, entities: [['user', 'frank']] }),
      alert({ id: 'w2', rule: 'r2', at: T0 + 23 * HOUR, entities: [['user', 'frank']] }),
      alert({ id: 'w3', rule: 'r3', at: T0 + 48 * HOUR, entities: [['user', 'frank']] }),
    ]);
    expect(caseOf(r, 1)).toBe(caseOf(r, 0));
    expect(caseOf(r, 2)).not.toBe(caseOf(r, 0));
  });

  it('keeps tenants apart and leaves suppressed alerts out of cases and rarity', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock });
    const x = engine.ingest(alert({ id: 't1', rule: 'r1', at: T0, entities: [['user', 'gina']], tenant: 'acme' }));
    const y = engine.ingest(alert({ id: 't2', rule: 'r2', at: T0, entities: [['user', 'gina']], tenant: 'globex' }));
    expect(x.status === 'new' && y.status === 'new' && x.caseId !== y.caseId).toBe(true);
    const before = engine.entityWeight('acme', { type: 'host', value: 'h1' });
    const s = engine.ingest(alert({ id: 't3', rule: 'r3', at: T0, entities: [['user', 'gina'], ['host', 'h1']], suppressedBy: 'exc-1' }));
    expect(s).toMatchObject({ status: 'suppressed', events: [] });
    expect(engine.cases('acme')).toHaveLength(1);
    expect(engine.cases('acme')[0]?.alertCount).toBe(1);
    expect(engine.entityWeight('acme', { type: 'host', value: 'h1' })).toBe(before);
  });
});

describe('FusionEngine dedupe', () => {
  it('folds repeats into one alert with a count and first/last seen, and reports them as case updates', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock });
    const ents = [['user', 'hank'], ['host', 'ws-3']] as const;
    const r = run(engine, clock, [
      alert({ id: 'd1', rule: 'brute-force', at: T0, entities: ents, tactics: ['credential-access'] }),
      alert({ id: 'd2', rule: 'brute-force', at: T0 + 5 * MIN, entities: [ents[1], ents[0], ents[1]], tactics: ['credential-access'] }),
      alert({ id: 'd3', rule: 'brute-force', at: T0 + 14 * MIN, spanMs: 2 * MIN, entities: ents, tactics: ['credential-access'] }),
    ]);
    expect(r.map((x) => x.status)).toEqual(['new', 'duplicate', 'duplicate']);
    expect(new Set(r.map((x) => x.alertId)).size).toBe(1);
    const last = r[2]?.events[0];
    expect(last?.type === CASE_UPDATED && last.change).toBe('alert-repeated');
    const c = engine.cases('acme');
    expect(c).toHaveLength(1);
    expect(c[0]?.timeline).toHaveLength(1);
    expect(c[0]?.timeline[0]).toMatchObject({ count: 3, firstSeen: T0, lastSeen: T0 + 16 * MIN });
    expect([c[0]?.alertCount, c[0]?.lastSeen]).toEqual([3, T0 + 16 * MIN]);
  });

  it('starts a new alert after the dedupe window; it still joins the case through its entities', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock, config: { dedupeWindowMs: 15 * MIN } });
    const r = run(engine, clock, [
      alert({ id: 'e1', rule: 'brute-force', at: T0, entities: [['user', 'ivy']] }),
      alert({ id: 'e2', rule: 'brute-force', at: T0 + 16 * MIN, entities: [['user', 'ivy']] }),
      alert({ id: 'e3', rule: 'other-rule', at: T0 + 17 * MIN, entities: [['user', 'ivy']] }),
    ]);
    expect(r.map((x) => x.status)).toEqual(['new', 'new', 'new']);
    expect(new Set(r.map((x) => x.alertId)).size).toBe(3);
    expect(new Set(r.map((_, i) => caseOf(r, i))).size).toBe(1);
  });
});

describe('FusionEngine time and determinism', () => {
  it('yields the same ids, cases and events for the same input and clock', () => {
    const input = [...domainNoise(40, T0 + 4 * HOUR), ...twoChainsSharingDc()];
    const once = (): unknown => {
      const clock = new ManualClock(T0);
      const engine = new FusionEngine({ clock });
      return { results: run(engine, clock, input), cases: engine.cases('acme') };
    };
    const first = once();
    expect(once()).toEqual(first);
    expect(JSON.stringify(once())).toBe(JSON.stringify(first));
  });

  it('stamps events with the injected clock and evicts idle cases when the clock moves past the window', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock, config: { joinWindowMs: 2 * HOUR } });
    const first = engine.ingest(alert({ id: 'k1', rule: 'r1', at: T0 - 10 * MIN, entities: [['access_key', 'akia-k']] }));
    expect(first.events[0]).toMatchObject({ type: CASE_OPENED, at: T0, case: { openedAt: T0, updatedAt: T0 } });
    clock.advance(30 * MIN);
    const second = engine.ingest(alert({ id: 'k2', rule: 'r2', at: T0, entities: [['access_key', 'akia-k']] }));
    expect(second.events[0]).toMatchObject({ type: CASE_UPDATED, at: T0 + 30 * MIN, case: { openedAt: T0, updatedAt: T0 + 30 * MIN } });
    expect(first.status === 'new' && second.status === 'new' && second.caseId === first.caseId).toBe(true);

    clock.advance(3 * HOUR);
    engine.sweep();
    expect(engine.cases('acme')).toEqual([]);
    if (first.status !== 'new') throw new Error('unexpected');
    expect(engine.case('acme', first.caseId)).toBeUndefined();
    // A straggler within the event-time window no longer finds the evicted case.
    const third = engine.ingest(alert({ id: 'k3', rule: 'r3', at: T0 + 20 * MIN, entities: [['access_key', 'akia-k']] }));
    expect(third.events[0]?.type).toBe(CASE_OPENED);
  });

  it('lets a once-common entity regain weight as clock time passes', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock, config: { rarityHalfLifeMs: 24 * HOUR } });
    run(engine, clock, domainNoise(60, T0 + 6 * HOUR));
    const dc = { type: 'host', value: 'dc01' } as const;
    const now = engine.entityWeight('acme', dc);
    clock.advance(30 * 24 * HOUR);
    expect(now).toBeLessThan(0.6);
    expect(engine.entityWeight('acme', dc)).toBeCloseTo(1, 6);
  });
});
