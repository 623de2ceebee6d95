import { correlationsOf, engineFor, match, run, summary, MIN, SEC } from './test-support';

const corr = (section: string, extra = '') => correlationsOf(`title: C\nid: c1\n${extra}correlation:\n${section}`);

describe('event_count', () => {
  const rules = corr('  type: event_count\n  rules: [fail]\n  group-by: [Host]\n  timespan: 1m\n  condition:\n    gte: 3\n');

  it('fires on the match that reaches the count, per group, and consumes the burst', () => {
    const engine = engineFor(rules);
    const alerts = run(engine, [
      match('fail', 0, { Host: 'a' }),
      match('fail', 1 * SEC, { Host: 'b' }),
      match('fail', 2 * SEC, { Host: 'a' }),
      match('fail', 3 * SEC, { Host: 'b' }),
      match('fail', 4 * SEC, { Host: 'a' }),
      match('fail', 5 * SEC, { Host: 'a' }),
      match('fail', 6 * SEC, { Host: 'a' }),
    ]);
    expect(summary(alerts)).toEqual([
      { rule: 'c1', group: { Host: 'a' }, first: 0, last: 4 * SEC, aggregate: 3, count: 3, value: undefined, evidence: ['fail@0', 'fail@2000', 'fail@4000'] },
    ]);
    // Two more matches of host a after the alert: a new alert needs three fresh ones.
    expect(engine.observe(match('fail', 7 * SEC, { Host: 'a' }))).toHaveLength(1);
  });

  it('counts matches exactly timespan apart in one window, one millisecond more not', () => {
    const inside = run(engineFor(rules), [0, 30 * SEC, MIN].map((t) => match('fail', t, { Host: 'a' })));
    expect(inside).toHaveLength(1);
    const outside = run(engineFor(rules), [0, 30 * SEC, MIN + 1].map((t) => match('fail', t, { Host: 'a' })));
    expect(outside).toHaveLength(0);
  });

  it('ignores matches without the group-by field', () => {
    const engine = engineFor(rules);
    expect(run(engine, [0, 1, 2].map((t) => match('fail', t, { Other: 'x' })))).toHaveLength(0);
    expect(engine.stats().missingField).toBe(3);
  });

  it('with no group-by counts all matches together', () => {
    const global = corr('  type: event_count\n  rules: [fail]\n  timespan: 1m\n  condition:\n    gt: 2\n');
    const alerts = run(engineFor(global), [match('fail', 0, { Host: 'a' }), match('fail', 1, { Host: 'b' }), match('fail', 2)]);
    expect(summary(alerts)[0]).toMatchObject({ group: {}, aggregate: 3 });
  });

  it('decides lt at window close: groups with few matches alert once, busy ones not', () => {
    const few = corr('  type: event_count\n  rules: [login]\n  group-by: [User]\n  timespan: 1m\n  condition:\n    lt: 3\n');
    const engine = engineFor(few, { allowedLatenessMs: 0 });
    const during = run(engine, [
      match('login', 0, { User: 'quiet' }),
      match('login', 1 * SEC, { User: 'busy' }),
      match('login', 2 * SEC, { User: 'busy' }),
      match('login', 3 * SEC, { User: 'busy' }),
      match('login', 4 * SEC, { User: 'quiet' }),
    ]);
    expect(during).toEqual([]);
    // Exactly at the end of quiet's window nothing closes yet; past it both windows close.
    expect(engine.advance(MIN)).toEqual([]);
    const closed = engine.advance(MIN + 5 * SEC);
    expect(summary(closed)).toEqual([
      { rule: 'c1', group: { User: 'quiet' }, first: 0, last: 4 * SEC, aggregate: 2, count: 2, value: undefined, evidence: ['login@0', 'login@4000'] },
    ]);
    expect(engine.stats().groups).toBe(0);
  });

  it('a window decided at close also includes a match exactly timespan after its first', () => {
    const few = corr('  type: event_count\n  rules: [x]\n  timespan: 1m\n  condition:\n    lte: 5\n');
    const engine = engineFor(few, { allowedLatenessMs: 0 });
    // The match at MIN + 1 moves event time past the first window, which closes then.
    const alerts = run(engine, [match('x', 0), match('x', MIN), match('x', MIN + 1)]);
    expect(alerts).toHaveLength(1);
    alerts.push(...engine.advance(10 * MIN));
    expect(alerts.map((a) => [a.firstTime, a.lastTime, a.aggregate])).toEqual([
      [0, MIN, 2],
      [MIN + 1, MIN + 1, 1],
    ]);
  });

  it('decides eq and neq at close too', () => {
    const eq = corr('  type: event_count\n  rules: [x]\n  timespan: 10s\n  condition:\n    eq: 2\n');
    const engine = engineFor(eq, { allowedLatenessMs: 0 });
    run(engine, [match('x', 0), match('x', 1 * SEC), match('x', 20 * SEC), match('x', 21 * SEC), match('x', 22 * SEC)]);
    // The first window [0, 10s] held 2 matches; the second [20s, 30s] holds 3.
    expect(engine.advance(40 * SEC).map((a) => a.aggregate)).toEqual([]);
    const again = engineFor(eq, { allowedLatenessMs: 0 });
    const out = run(again, [match('x', 0), match('x', 1 * SEC), match('x', 20 * SEC), match('x', 21 * SEC), match('x', 22 * SEC)]);
    expect(out.map((a) => [a.firstTime, a.aggregate])).toEqual([[0, 2]]);
  });
});

describe('value_count', () => {
  const rules = corr('  type: value_count\n  rules: [fail]\n  group-by: [Ip]\n  timespan: 5m\n  condition:\n    field: User\n    gt: 2\n');

  it('counts distinct values of the field per group', () => {
    const engine = engineFor(rules);
    const alerts = run(engine, [
      match('fail', 0, { Ip: '1.1.1.1', User: 'a' }),
      match('fail', 1, { Ip: '1.1.1.1', User: 'a' }),
      match('fail', 2, { Ip: '1.1.1.1', User: 'b' }),
      match('fail', 3, { Ip: '2.2.2.2', User: 'c' }),
      match('fail', 4, { Ip: '1.1.1.1', User: 'b' }),
      match('fail', 5, { Ip: '1.1.1.1' }),
      match('fail', 6, { Ip: '1.1.1.1', User: 'c' }),
    ]);
    expect(summary(alerts)).toEqual([
      { rule: 'c1', group: { Ip: '1.1.1.1' }, first: 0, last: 6, aggregate: 3, count: 5, value: undefined, evidence: ['fail@0', 'fail@1', 'fail@2', 'fail@4', 'fail@6'] },
    ]);
    expect(engine.stats().missingField).toBe(1);
  });

  it('forgets values that slid out of the window', () => {
    const alerts = run(engineFor(rules), [
      match('fail', 0, { Ip: 'x', User: 'a' }),
      match('fail', 4 * MIN, { Ip: 'x', User: 'b' }),
      match('fail', 6 * MIN, { Ip: 'x', User: 'c' }),
    ]);
    expect(alerts).toEqual([]);
  });

  it('counts tuples when several fields are given', () => {
    const pairs = corr('  type: value_count\n  rules: [r]\n  timespan: 1m\n  condition:\n    field: [User, Domain]\n    gte: 2\n');
    const alerts = run(engineFor(pairs), [match('r', 0, { User: 'a', Domain: 'x' }), match('r', 1, { User: 'a', Domain: 'x' }), match('r', 2, { User: 'a', Domain: 'y' })]);
    expect(alerts.map((a) => a.aggregate)).toEqual([2]);
  });
});

describe('temporal', () => {
  const rules = corr('  type: temporal\n  rules: [a, b, c]\n  group-by: [User]\n  timespan: 5m\n');

  it('fires when every rule matched within the timespan, in any order', () => {
    const alerts = run(engineFor(rules), [
      match('c', 0, { User: 'u' }),
      match('a', 1 * MIN, { User: 'u' }),
      match('a', 2 * MIN, { User: 'v' }),
      match('b', 3 * MIN, { User: 'u' }),
    ]);
    expect(summary(alerts)).toEqual([
      { rule: 'c1', group: { User: 'u' }, first: 0, last: 3 * MIN, aggregate: 3, count: 3, value: undefined, evidence: ['c@0', 'a@60000', 'b@180000'] },
    ]);
  });

  it('does not fire when one rule is missing or the matches are too far apart', () => {
    expect(run(engineFor(rules), [match('a', 0, { User: 'u' }), match('b', 1, { User: 'u' }), match('b', 2, { User: 'u' })])).toEqual([]);
    expect(run(engineFor(rules), [match('a', 0, { User: 'u' }), match('b', 1, { User: 'u' }), match('c', 5 * MIN + 1, { User: 'u' })])).toEqual([]);
  });

  it('matches a referenced rule by name as well as by id', () => {
    const alerts = run(engineFor(rules), [match('id-a', 0, { User: 'u' }, 'a'), match('b', 1, { User: 'u' }), match('id-c', 2, { User: 'u' }, 'c')]);
    expect(alerts.map((x) => x.evidence.map((e) => e.ruleId))).toEqual([['id-a', 'b', 'id-c']]);
  });

  it('accepts a relaxed condition (2 of 3 rules)', () => {
    const two = corr('  type: temporal\n  rules: [a, b, c]\n  timespan: 5m\n  condition:\n    gte: 2\n');
    expect(run(engineFor(two), [match('a', 0), match('a', 1), match('c', 2)]).map((a) => a.aggregate)).toEqual([2]);
  });
});

describe('temporal_ordered', () => {
  const rules = corr('  type: temporal_ordered\n  rules: [a, b, c]\n  group-by: [User]\n  timespan: 5m\n');

  it('fires only when the rules matched in the listed order', () => {
    const ordered = run(engineFor(rules), [match('a', 0, { User: 'u' }), match('b', 1, { User: 'u' }), match('c', 2, { User: 'u' })]);
    expect(ordered.map((a) => a.aggregate)).toEqual([3]);
    const wrong = run(engineFor(rules), [match('b', 0, { User: 'u' }), match('a', 1, { User: 'u' }), match('c', 2, { User: 'u' })]);
    expect(wrong).toEqual([]);
  });

  it('finds the order among repeated and interleaved matches', () => {
    const alerts = run(engineFor(rules), [
      match('c', 0, { User: 'u' }),
      match('b', 1, { User: 'u' }),
      match('a', 2, { User: 'u' }),
      match('c', 3, { User: 'u' }),
      match('b', 4, { User: 'u' }),
      match('c', 5, { User: 'u' }),
    ]);
    expect(alerts.map((a) => [a.firstTime, a.lastTime])).toEqual([[0, 5]]);
  });

  it('needs the whole chain within the timespan', () => {
    expect(run(engineFor(rules), [match('a', 0, { User: 'u' }), match('b', 1, { User: 'u' }), match('c', 5 * MIN + 1, { User: 'u' })])).toEqual([]);
  });
});

describe('value_sum', () => {
  const rules = corr('  type: value_sum\n  rules: [web]\n  group-by: [Ip]\n  timespan: 1h\n  condition:\n    field: bytes\n    gt: 1000\n');

  it('fires when the sum over the window exceeds the threshold; numeric strings count', () => {
    const engine = engineFor(rules);
    const alerts = run(engine, [
      match('web', 0, { Ip: 'a', bytes: 400 }),
      match('web', 1, { Ip: 'a', bytes: '600' }),
      match('web', 2, { Ip: 'a', bytes: 'n/a' }),
      match('web', 3, { Ip: 'a', bytes: 1 }),
    ]);
    expect(alerts.map((a) => [a.aggregate, a.eventCount])).toEqual([[1001, 3]]);
    expect(engine.stats().missingField).toBe(1);
  });
});

describe('value_avg', () => {
  const rules = corr('  type: value_avg\n  rules: [net]\n  group-by: [Ip]\n  timespan: 1m\n  condition:\n    field: BytesOut\n    gt: 500\n');

  it('compares the average of the whole window when it closes, not the first high value', () => {
    const engine = engineFor(rules, { allowedLatenessMs: 0 });
    const during = run(engine, [
      match('net', 0, { Ip: 'a', BytesOut: 2000 }),
      match('net', 1 * SEC, { Ip: 'a', BytesOut: 100 }),
      match('net', 2 * SEC, { Ip: 'b', BytesOut: 900 }),
      match('net', 3 * SEC, { Ip: 'b', BytesOut: 10 }),
      match('net', 4 * SEC, { Ip: 'b', BytesOut: 20 }),
    ]);
    expect(during).toEqual([]);
    const closed = engine.advance(2 * MIN);
    expect(closed.map((a) => [a.group['Ip'], a.aggregate])).toEqual([['a', 1050]]);
  });
});

describe('value_percentile', () => {
  it('without percentile, alerts on values whose share of the group is within the condition (rare values)', () => {
    const rules = corr('  type: value_percentile\n  rules: [proc]\n  group-by: [Computer]\n  timespan: 24h\n  condition:\n    field: Image\n    lte: 1\n');
    const engine = engineFor(rules, { maxEventsPerGroup: 1000, allowedLatenessMs: 0 });
    const matches = [];
    for (let i = 0; i < 150; i++) matches.push(match('proc', i * SEC, { Computer: 'pc1', Image: i % 2 ? 'svchost.exe' : 'explorer.exe' }));
    matches.push(match('proc', 200 * SEC, { Computer: 'pc1', Image: 'mimikatz.exe' }));
    expect(run(engine, matches)).toEqual([]);
    const alerts = engine.advance(25 * 60 * MIN);
    expect(alerts.map((a) => [a.fieldValue, a.eventCount, Math.round(a.aggregate * 100) / 100])).toEqual([['mimikatz.exe', 1, 0.66]]);
  });

  it('with percentile, compares that percentile of the numeric field', () => {
    const rules = corr('  type: value_percentile\n  rules: [req]\n  timespan: 1m\n  condition:\n    field: ms\n    percentile: 90\n    gt: 500\n');
    const engine = engineFor(rules, { allowedLatenessMs: 0 });
    run(engine, Array.from({ length: 10 }, (_, i) => match('req', i, { ms: i < 8 ? 100 : 1000 })));
    // Ten values: eight of 100 and two of 1000; the 90th percentile lies between them at 1000.
    expect(engine.advance(2 * MIN).map((a) => a.aggregate)).toEqual([1000]);
  });
});
