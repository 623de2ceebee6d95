import { isSocError } from '@soc/errors';
import type { RuleMatch } from '../types';
import type { CorrelationEngine } from './correlation-engine';
import { correlationsOf, engineFor, match, run, summary, MIN, SEC } from './test-support';

const corr = (section: string) => correlationsOf(`title: C\nid: c1\ncorrelation:\n${section}`);

describe('out-of-order matches', () => {
  const count3 = corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: 1m\n  condition:\n    gte: 3\n');

  it('counts a late match with the window it belongs to', () => {
    const alerts = run(engineFor(count3), [match('r', 0, { H: 'a' }), match('r', 50 * SEC, { H: 'a' }), match('r', 20 * SEC, { H: 'a' })]);
    expect(summary(alerts).map((a) => [a.first, a.last, a.evidence])).toEqual([[0, 50 * SEC, ['r@0', 'r@20000', 'r@50000']]]);
  });

  it('finds a window that only the late match completes, even one ending before the newest match', () => {
    const count2 = corr('  type: event_count\n  rules: [r]\n  timespan: 1m\n  condition:\n    gte: 2\n');
    const engine = engineFor(count2, { allowedLatenessMs: 2 * MIN });
    const alerts = run(engine, [match('r', 0), match('r', 2 * MIN), match('r', 30 * SEC)]);
    expect(alerts.map((a) => [a.firstTime, a.lastTime])).toEqual([[0, 30 * SEC]]);
    // The 2-minute match was not consumed by that alert and still counts.
    expect(engine.observe(match('r', 2 * MIN + 1)).map((a) => [a.firstTime, a.lastTime])).toEqual([[2 * MIN, 2 * MIN + 1]]);
  });

  it('orders temporal_ordered by event time, not arrival', () => {
    const ordered = corr('  type: temporal_ordered\n  rules: [a, b, c]\n  timespan: 1m\n');
    expect(run(engineFor(ordered), [match('a', 0), match('c', 2 * SEC), match('b', 1 * SEC)]).map((a) => a.lastTime)).toEqual([2 * SEC]);
    expect(run(engineFor(ordered), [match('a', 0), match('c', 1 * SEC), match('b', 2 * SEC)])).toEqual([]);
  });

  it('drops matches later than the allowed lateness and matches of an already alerted burst', () => {
    const engine = engineFor(count3, { allowedLatenessMs: 10 * SEC });
    run(engine, [match('r', 100 * SEC, { H: 'a' }), match('r', 85 * SEC, { H: 'a' })]);
    expect(engine.stats().lateDropped).toBe(1);
    expect(run(engine, [match('r', 101 * SEC, { H: 'a' }), match('r', 102 * SEC, { H: 'a' })])).toHaveLength(1);
    expect(engine.observe(match('r', 100 * SEC + 500, { H: 'a' }))).toEqual([]);
    expect(engine.stats().lateDropped).toBe(2);
  });

  it('gives the same alerts for a stream shuffled within the lateness as for the sorted stream (temporal)', () => {
    const temporal = corr('  type: temporal\n  rules: [a, b]\n  group-by: [U]\n  timespan: 1m\n');
    const sorted: RuleMatch[] = [];
    for (let i = 0; i < 40; i++) sorted.push(match(i % 3 === 0 ? 'b' : 'a', i * 10 * SEC, { U: `u${i % 2}` }));
    const shuffled = [...sorted];
    for (let i = 0; i + 1 < shuffled.length; i += 2) [shuffled[i], shuffled[i + 1]] = [shuffled[i + 1] as RuleMatch, shuffled[i] as RuleMatch];
    const a = run(engineFor(temporal), sorted);
    const b = run(engineFor(temporal), shuffled);
    expect(a.length).toBeGreaterThan(3);
    // A late match fires when it arrives, so alerts of different groups may come in another order.
    const key = (x: (typeof a)[number]) => `${x.firstTime}/${x.lastTime}/${x.group['U']}`;
    expect(b.map(key).sort()).toEqual(a.map(key).sort());
  });
});

describe('memory bounds', () => {
  it('evicts the least recently updated group beyond maxGroupsPerRule', () => {
    const rules = corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: 1h\n  condition:\n    gte: 2\n');
    const engine = engineFor(rules, { maxGroupsPerRule: 2 });
    const alerts = run(engine, [match('r', 0, { H: 'a' }), match('r', 1, { H: 'b' }), match('r', 2, { H: 'a' }), match('r', 3, { H: 'c' }), match('r', 4, { H: 'b' })]);
    // a fired at 2 (group kept, emptied); c evicted the least recently updated group, b, so b starts over.
    expect(alerts.map((x) => x.group['H'])).toEqual(['a']);
    expect(engine.stats()).toMatchObject({ groupsEvicted: 2, groups: 2 });
  });

  it('keeps at most maxEventsPerGroup matches per group', () => {
    const rules = corr('  type: event_count\n  rules: [r]\n  timespan: 1h\n  condition:\n    gte: 5\n');
    const engine = engineFor(rules, { maxEventsPerGroup: 3 });
    expect(run(engine, Array.from({ length: 6 }, (_, i) => match('r', i)))).toEqual([]);
    expect(engine.stats()).toMatchObject({ eventsEvicted: 3, matchesKept: 3 });
  });

  it('bounds the evidence copied into an alert', () => {
    const rules = corr('  type: event_count\n  rules: [r]\n  timespan: 1h\n  condition:\n    gte: 150\n');
    const [alert] = run(engineFor(rules), Array.from({ length: 150 }, (_, i) => match('r', i)));
    expect(alert?.eventCount).toBe(150);
    expect(alert?.evidence).toHaveLength(100);
    expect(alert?.evidence[99]?.time).toBe(99);
  });

  it('drops groups whose windows expired as event time advances', () => {
    const rules = corr('  type: event_count\n  rules: [r]\n  group-by: [H]\n  timespan: 1m\n  condition:\n    gte: 10\n');
    const engine = engineFor(rules, { allowedLatenessMs: 0 });
    run(engine, Array.from({ length: 50 }, (_, i) => match('r', i * SEC, { H: `h${i}` })));
    expect(engine.stats().groups).toBe(50);
    engine.advance(MIN + 10 * SEC);
    expect(engine.stats()).toMatchObject({ groups: 40, groupsExpired: 10 });
    engine.advance(10 * MIN);
    expect(engine.stats()).toMatchObject({ groups: 0, groupsExpired: 50, matchesKept: 0 });
  });
});

/** Seeded pseudo-random numbers (mulberry32), so the stream is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIXED = `title: Burst
id: burst
name: burst
correlation: {type: event_count, rules: [fail], group-by: [User], timespan: 2m, condition: {gte: 4}}
---
title: Spray
id: spray
correlation: {type: value_count, rules: [fail], group-by: [Host], timespan: 5m, condition: {field: User, gt: 2}}
---
title: Burst then success
id: takeover
correlation: {type: temporal_ordered, rules: [burst, ok], group-by: [User], timespan: 10m}
---
title: Quiet hosts
id: quiet
correlation: {type: event_count, rules: [ok], group-by: [Host], timespan: 3m, condition: {lt: 2}}
---
title: Heavy upload
id: upload
correlation: {type: value_avg, rules: [net], group-by: [Host], timespan: 4m, condition: {field: bytes, gt: 600}}
---
title: Recon
id: recon
correlation: {type: temporal, rules: [fail, ok, net], group-by: [Host], timespan: 1m}
`;

function stream(n: number, seed: number): RuleMatch[] {
  const rand = rng(seed);
  const out: RuleMatch[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    t += Math.floor(rand() * 8 * SEC);
    const kind = rand();
    const User = `u${Math.floor(rand() * 4)}`;
    const Host = `h${Math.floor(rand() * 3)}`;
    // Up to 20 s of disorder, inside the 60 s default lateness.
    const time = t - Math.floor(rand() * 20 * SEC);
    if (kind < 0.55) out.push(match('fail-id', time, { User, Host }, 'fail'));
    else if (kind < 0.75) out.push(match('ok', time, { User, Host }));
    else out.push(match('net', time, { Host, bytes: Math.floor(rand() * 1200) }));
  }
  return out;
}

describe('snapshot and restore', () => {
  const rules = correlationsOf(MIXED);
  const matches = stream(3000, 7);

  function uninterrupted() {
    const engine = engineFor(rules);
    const alerts = run(engine, matches);
    alerts.push(...engine.advance(Number.MAX_SAFE_INTEGER));
    return { alerts: summary(alerts), stats: engine.stats() };
  }

  function restartedAt(cut: number) {
    const first = engineFor(rules);
    const alerts = run(first, matches.slice(0, cut));
    const saved = JSON.stringify(first.snapshot());
    const second: CorrelationEngine = engineFor(rules);
    second.restore(JSON.parse(saved));
    alerts.push(...run(second, matches.slice(cut)));
    alerts.push(...second.advance(Number.MAX_SAFE_INTEGER));
    return { alerts: summary(alerts), stats: second.stats() };
  }

  it('every correlation type fires in the mixed stream', () => {
    const { alerts } = uninterrupted();
    const byRule = new Set(alerts.map((a) => a.rule));
    expect([...byRule].sort()).toEqual(['quiet', 'recon', 'spray', 'takeover', 'upload']);
  });

  it.each([1, 17, 500, 1499, 2999])('a restart after %d matches continues to the same alerts and counters', (cut) => {
    const reference = uninterrupted();
    const restarted = restartedAt(cut);
    expect(restarted.alerts).toEqual(reference.alerts);
    expect(restarted.stats).toEqual(reference.stats);
  });

  it('restores in the middle of a burst: the fourth failure after the restart fires', () => {
    const burst = correlationsOf(MIXED).filter((r) => r.id === 'burst' || r.id === 'takeover');
    const first = engineFor(burst);
    run(first, [0, 1, 2].map((i) => match('f', i * SEC, { User: 'eve' }, 'fail')));
    const second = engineFor(burst);
    second.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect(second.observe(match('f', 3 * SEC, { User: 'eve' }, 'fail'))).toEqual([]);
    const takeover = second.observe(match('ok', 4 * SEC, { User: 'eve' }));
    expect(takeover.map((a) => [a.rule.id, a.group])).toEqual([['takeover', { User: 'eve' }]]);
  });

  it('refuses a malformed snapshot and keeps nothing of it', () => {
    const engine = engineFor(rules);
    const bad = { version: 1, watermark: 5, stats: {}, correlations: [] };
    try {
      engine.restore(bad);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(isSocError(err) && err.details?.['reason']).toBe('bad-snapshot');
    }
    const unsorted = engineFor(rules).snapshot();
    unsorted.correlations[0]?.groups.push({ key: 'k', values: ['k'], resetAt: null, entries: [
      { t: 2, r: 0, v: null, id: 'x', ev: {} },
      { t: 1, r: 0, v: null, id: 'x', ev: {} },
    ] });
    expect(() => engine.restore(JSON.parse(JSON.stringify(unsorted)))).toThrow(/sorted/);
  });
});

describe('throughput', () => {
  it('observes 100k in-order matches over 1k groups well within budget', () => {
    const rules = correlationsOf(`title: Count
correlation: {type: event_count, rules: [r], group-by: [H], timespan: 5m, condition: {gte: 50}}
---
title: Distinct
correlation: {type: value_count, rules: [r], group-by: [H], timespan: 5m, condition: {field: U, gte: 40}}
`);
    const engine = engineFor(rules);
    const events = Array.from({ length: 1000 }, (_, h) => Array.from({ length: 8 }, (_, u) => ({ H: `h${h}`, U: `u${u}` })));
    const n = 100_000;
    const started = process.hrtime.bigint();
    let alerts = 0;
    for (let i = 0; i < n; i++) alerts += engine.observe({ ruleId: 'r', time: i, event: events[i % 1000]?.[i % 8] ?? {} }).length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`correlation throughput: ${Math.round((n / ms) * 1000)} matches/s (2 correlations each)\n`);
    expect(alerts).toBe(n / 50);
    // Two correlations per match; a generous bound for a 2-core CI machine.
    expect(ms).toBeLessThan(5000);
  });
});
