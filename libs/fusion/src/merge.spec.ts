import { type AlertPayload, type Envelope, ManualClock } from '@soc/contracts';
import { FusionEngine, type FusionEngineOptions } from './engine';
import { alert, domainNoise, HOUR, MIN, T0 } from './synthetic-alerts.fixture';
import { CASE_OPENED, CASE_UPDATED, type CaseEvent, type IngestResult } from './types';

const T = T0 + 6 * HOUR;

/**
 * One intrusion seen from two sides: Windows alerts name the workstation by host name, a proxy
 * alert names it only by address; a later logon alert names both and bridges them.
 */
function splitChain(): Envelope<AlertPayload>[] {
  return [
    alert({ id: 'w1', rule: 'office-spawns-shell', at: T, entities: [['user', 'alice'], ['host', 'ws-17']], tactics: ['execution'] }),
    alert({ id: 'p1', rule: 'exe-download-by-powershell', at: T + 4 * MIN, entities: [['ip', '10.20.10.26'], ['ip', '146.70.140.18'], ['url', 'http://dropfile.example/pd64.exe']], tactics: ['command-and-control'] }),
    alert({ id: 'w2', rule: 'lsass-dump', at: T + 20 * MIN, entities: [['user', 'alice'], ['host', 'ws-17']], tactics: ['credential-access'], level: 'high' }),
    alert({ id: 'x1', rule: 'ntlm-privileged-logon', at: T + 40 * MIN, entities: [['host', 'ws-17'], ['ip', '10.20.10.26'], ['user', 'adm-bob'], ['host', 'fs01']], tactics: ['lateral-movement'] }),
  ];
}

function run(options: FusionEngineOptions & { clock: ManualClock }, alerts: readonly Envelope<AlertPayload>[]): { engine: FusionEngine; results: IngestResult[] } {
  const engine = new FusionEngine(options);
  const results = alerts.map((a) => {
    options.clock.set(Math.max(options.clock.now(), a.payload.lastSeen));
    return engine.ingest(a);
  });
  return { engine, results };
}

function caseOf(r: IngestResult | undefined): string {
  if (!r || r.status === 'suppressed') throw new Error('no case');
  return r.caseId;
}

describe('FusionEngine merging of bridged cases', () => {
  const noise = domainNoise(60, T);

  it('merges two cases an alert joins at once into the older, recording the bridging entities', () => {
    const { engine, results } = run({ clock: new ManualClock(T0) }, [...noise, ...splitChain()]);
    const [w1, p1, w2, x1] = results.slice(noise.length);
    const older = caseOf(w1);
    const proxy = caseOf(p1);
    expect(proxy).not.toBe(older);
    expect(caseOf(w2)).toBe(older);
    expect(caseOf(x1)).toBe(older);

    const events = x1?.events ?? [];
    expect(events.map((e) => [e.type, e.type === CASE_UPDATED ? e.change : 'opened'])).toEqual([
      [CASE_UPDATED, 'alert-joined'],
      [CASE_UPDATED, 'merged'],
    ]);
    const merged = events[1] as Extract<CaseEvent, { change: 'merged' }>;
    expect(merged.mergedCaseIds).toEqual([proxy]);
    expect(merged.newTactics).toEqual(['command-and-control']);
    // Severity before the merge is the survivor's after the alert joined it.
    expect(merged.severityFrom).toBe(events[0]?.case.severity);

    const snap = engine.case('acme', older);
    expect(snap?.timeline.map((a) => a.firstEnvelopeId)).toEqual(['w1', 'p1', 'w2', 'x1']);
    expect(snap?.merges).toHaveLength(1);
    const m = snap?.merges[0];
    expect(m?.caseId).toBe(proxy);
    expect(m?.shared.map((e) => `${e.type}:${e.value}`)).toEqual(['ip:10.20.10.26']);
    expect(m?.score).toBeGreaterThanOrEqual(m?.threshold ?? Number.POSITIVE_INFINITY);
    expect(snap?.entities.map((e) => e.value)).toEqual(expect.arrayContaining(['146.70.140.18', 'http://dropfile.example/pd64.exe', 'fs01']));
    expect(snap?.alertCount).toBe(4);
    // The absorbed case is closed: no longer listed, and nothing can join it.
    expect(engine.case('acme', proxy)).toBeUndefined();
    expect(engine.cases('acme').map((c) => c.caseId)).not.toContain(proxy);
  });

  it('sends repeats of an absorbed case\'s alerts and later alerts on its entities to the survivor', () => {
    const clock = new ManualClock(T0);
    const chain = splitChain();
    const later = [
      alert({ id: 'p1-again', rule: 'exe-download-by-powershell', at: T + 45 * MIN, entities: [['ip', '10.20.10.26'], ['ip', '146.70.140.18'], ['url', 'http://dropfile.example/pd64.exe']], tactics: ['command-and-control'] }),
      alert({ id: 'c2', rule: 'beacon-to-rare-domain', at: T + 2 * HOUR, entities: [['ip', '146.70.140.18'], ['domain', 'dropfile.example']], tactics: ['command-and-control'] }),
    ];
    // A dedupe window long enough for p1's repeat after the merge.
    const { engine, results } = run({ clock, config: { dedupeWindowMs: HOUR } }, [...noise, ...chain, ...later]);
    const older = caseOf(results[noise.length]);
    const [again, c2] = results.slice(noise.length + chain.length);
    expect(again?.status).toBe('duplicate');
    expect(caseOf(again)).toBe(older);
    expect(caseOf(c2)).toBe(older);
    expect(engine.cases('acme').filter((c) => c.timeline.some((a) => a.firstEnvelopeId.startsWith('p1') || a.firstEnvelopeId === 'w1'))).toHaveLength(1);
  });

  it('keeps the cases apart when merging is switched off, joining the best-scoring one', () => {
    const { engine, results } = run({ clock: new ManualClock(T0), config: { mergeBridgedCases: false } }, [...noise, ...splitChain()]);
    const [w1, p1, , x1] = results.slice(noise.length);
    expect(caseOf(x1)).toBe(caseOf(w1));
    expect(x1?.events.map((e) => e.type)).toEqual([CASE_UPDATED]);
    expect(engine.case('acme', caseOf(p1))?.timeline).toHaveLength(1);
    expect(engine.case('acme', caseOf(w1))?.merges).toEqual([]);
  });

  it('does not merge through an entity below the threshold (a bridging alert must qualify against each case)', () => {
    // x1 shares only a process name (type weight 0.4) with the proxy case.
    const weak = splitChain().map((a) => {
      if (a.id === 'p1') return alert({ id: 'p1', rule: 'exe-download-by-powershell', at: T + 4 * MIN, entities: [['ip', '10.20.10.26'], ['process', 'powershell.exe']], tactics: ['command-and-control'] });
      if (a.id === 'x1') return alert({ id: 'x1', rule: 'ntlm-privileged-logon', at: T + 40 * MIN, entities: [['host', 'ws-17'], ['user', 'alice'], ['process', 'powershell.exe']], tactics: ['lateral-movement'] });
      return a;
    });
    const { results } = run({ clock: new ManualClock(T0) }, [...noise, ...weak]);
    const [w1, p1, , x1] = results.slice(noise.length);
    expect(caseOf(x1)).toBe(caseOf(w1));
    expect(caseOf(p1)).not.toBe(caseOf(w1));
    expect(x1?.events.map((e) => (e.type === CASE_UPDATED ? e.change : e.type))).toEqual(['alert-joined']);
    expect(x1?.events[0]?.case.merges).toEqual([]);
  });

  it('is deterministic: the same alerts give the same cases, merges and events', () => {
    const once = (): unknown => {
      const { engine, results } = run({ clock: new ManualClock(T0) }, [...noise, ...splitChain()]);
      return { results, cases: engine.cases('acme') };
    };
    expect(once()).toEqual(once());
  });

  it('opens a case (not a merge) for an alert that qualifies against no case', () => {
    const { results } = run({ clock: new ManualClock(T0) }, splitChain().slice(0, 2));
    expect(results.map((r) => r.events.map((e) => e.type))).toEqual([[CASE_OPENED], [CASE_OPENED]]);
  });
});
