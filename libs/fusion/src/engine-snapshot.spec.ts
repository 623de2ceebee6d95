import { type AlertPayload, type Envelope, ManualClock } from '@soc/contracts';
import { FusionEngine } from './engine';
import { isFusionEngineSnapshot } from './engine-snapshot';
import { alert, domainNoise, HOUR, MIN, T0 } from './synthetic-alerts.fixture';
import type { IngestResult } from './types';

/** A day of domain noise with two intrusions, a repeat, and a bridge that merges two cases. */
function stream(): Envelope<AlertPayload>[] {
  const t = T0 + 6 * HOUR;
  return [
    ...domainNoise(40, t),
    alert({ id: 'a1', rule: 'office-spawns-shell', at: t, entities: [['user', 'alice'], ['host', 'ws-17']], tactics: ['execution'] }),
    alert({ id: 'b1', rule: 'rdp-from-internet', at: t + 5 * MIN, entities: [['user', 'bob'], ['host', 'ws-42'], ['ip', '203.0.113.9']], tactics: ['initial-access'] }),
    alert({ id: 'a2', rule: 'lsass-access', at: t + 20 * MIN, entities: [['host', 'ws-17'], ['user', 'alice'], ['host', 'dc01']], tactics: ['credential-access'] }),
    alert({ id: 'a2r', rule: 'lsass-access', at: t + 22 * MIN, entities: [['host', 'ws-17'], ['user', 'alice'], ['host', 'dc01']], tactics: ['credential-access'] }),
    alert({ id: 'b2', rule: 'kerberoasting', at: t + 30 * MIN, entities: [['user', 'bob'], ['host', 'dc01']], tactics: ['credential-access'] }),
    alert({ id: 'x1', rule: 'shared-creds', at: t + 35 * MIN, entities: [['user', 'alice'], ['user', 'bob'], ['host', 'ws-17'], ['host', 'ws-42']], tactics: ['lateral-movement'] }),
    alert({ id: 'a3', rule: 'psexec-service', at: t + 40 * MIN, entities: [['host', 'dc01'], ['user', 'alice'], ['host', 'ws-17']], tactics: ['lateral-movement'] }),
    alert({ id: 'b2r', rule: 'kerberoasting', at: t + 45 * MIN, entities: [['user', 'bob'], ['host', 'dc01']], tactics: ['credential-access'] }),
  ];
}

function feed(engine: FusionEngine, clock: ManualClock, alerts: readonly Envelope<AlertPayload>[]): IngestResult[] {
  return alerts.map((a) => {
    clock.set(Math.max(clock.now(), a.payload.lastSeen));
    return engine.ingest(a);
  });
}

describe('FusionEngine snapshot and restore', () => {
  const alerts = stream();

  it.each([0.3, 0.6, 0.9])('an engine restored from a JSON snapshot at %p of the stream continues exactly like one that never stopped', (fraction) => {
    const cut = Math.floor(alerts.length * fraction);
    const clockA = new ManualClock(T0);
    const straight = new FusionEngine({ clock: clockA, config: { mergeBridgedCases: true } });
    const expected = feed(straight, clockA, alerts);

    const clockB = new ManualClock(T0);
    const first = new FusionEngine({ clock: clockB, config: { mergeBridgedCases: true } });
    const before = feed(first, clockB, alerts.slice(0, cut));
    const stored: unknown = JSON.parse(JSON.stringify(first.snapshot()));
    expect(isFusionEngineSnapshot(stored)).toBe(true);
    if (!isFusionEngineSnapshot(stored)) return;
    const restored = new FusionEngine({ clock: clockB, config: { mergeBridgedCases: true } });
    restored.restore(stored);
    const after = feed(restored, clockB, alerts.slice(cut));

    expect([...before, ...after]).toEqual(expected);
    expect(restored.snapshot()).toEqual(straight.snapshot());
  });

  it('a restored engine joins a new alert to the case it had open, not to a new case', () => {
    const clock = new ManualClock(T0);
    const engine = new FusionEngine({ clock });
    const [opened] = feed(engine, clock, [alert({ id: 'p1', rule: 'password-spray', at: T0 + HOUR, entities: [['user', 'carol'], ['ip', '198.51.100.7']], tactics: ['credential-access'] })]);
    const restored = new FusionEngine({ clock });
    restored.restore(JSON.parse(JSON.stringify(engine.snapshot())) as ReturnType<FusionEngine['snapshot']>);
    const [joined] = feed(restored, clock, [alert({ id: 'p2', rule: 'mfa-fatigue', at: T0 + HOUR + 10 * MIN, entities: [['user', 'carol']], tactics: ['credential-access'] })]);
    expect(opened?.status).toBe('new');
    expect(joined).toMatchObject({ status: 'new', caseId: opened?.status === 'suppressed' ? '' : opened?.caseId });
    expect(restored.case('acme', joined?.status === 'suppressed' ? '' : (joined?.caseId ?? ''))?.timeline.map((a) => a.ruleId)).toEqual(['password-spray', 'mfa-fatigue']);
  });

  it('refuses shapes that are not a snapshot', () => {
    expect(isFusionEngineSnapshot(undefined)).toBe(false);
    expect(isFusionEngineSnapshot({ version: 2, tenants: {} })).toBe(false);
    expect(isFusionEngineSnapshot({ version: 1, tenants: { acme: { seq: 1 } } })).toBe(false);
    expect(isFusionEngineSnapshot({ version: 1, tenants: {} })).toBe(true);
  });
});
