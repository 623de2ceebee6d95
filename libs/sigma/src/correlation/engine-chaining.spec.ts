import { isSocError } from '@soc/errors';
import { SOC_ERR_SIGMA_CORRELATION_INVALID } from '../errors';
import { CorrelationEngine } from './correlation-engine';
import { correlationsOf, engineFor, match, run, testAccessor, MIN } from './test-support';

/** The spec's own closing example: failed logins (event_count) then a success, ordered by User. */
const SPEC_EXAMPLE = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
`;

function refusal(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (err) {
    if (isSocError(err, SOC_ERR_SIGMA_CORRELATION_INVALID)) return { ...err.details };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('chained correlations', () => {
  const rules = correlationsOf(SPEC_EXAMPLE);
  const known = new Set(['failed_login', 'successful_login']);

  it('feeds an event_count alert into the temporal_ordered correlation that references it by name', () => {
    const engine = engineFor(rules, undefined, known);
    const fails = Array.from({ length: 10 }, (_, i) => match('53ba33fd', i * 1000, { User: 'alice', EventID: 4625 }, 'failed_login'));
    expect(run(engine, fails)).toEqual([]);
    const alerts = engine.observe(match('4d0a2c83', 20_000, { User: 'alice', EventID: 4624 }, 'successful_login'));
    expect(alerts.map((a) => [a.rule.title, a.group, a.firstTime, a.lastTime])).toEqual([
      ['Correlation - Multiple Failed Logins Followed by Successful Login', { User: 'alice' }, 9_000, 20_000],
    ]);
    expect(alerts[0]?.evidence.map((e) => e.ruleId)).toEqual(['a8418a5a-5fc4-46b5-b23b-6c73beb19d41', '4d0a2c83']);
    // The inner correlation fired (counted) but is not emitted: the outer one has generate: false.
    expect(engine.stats()).toMatchObject({ alerts: 2, suppressedAlerts: 1 });
  });

  it('does not fire when the success comes first or for another user', () => {
    const engine = engineFor(rules, undefined, known);
    engine.observe(match('s', 0, { User: 'alice' }, 'successful_login'));
    const out = run(engine, Array.from({ length: 10 }, (_, i) => match('f', 1000 + i, { User: 'alice' }, 'failed_login')));
    out.push(...engine.observe(match('s', 5000, { User: 'bob' }, 'successful_login')));
    expect(out).toEqual([]);
  });

  it('emits intermediate alerts when the referencing correlation has generate: true', () => {
    const generating = correlationsOf(SPEC_EXAMPLE.replace('level: high', 'level: high\ngenerate: true'));
    const engine = engineFor(generating, undefined, known);
    const out = run(engine, Array.from({ length: 10 }, (_, i) => match('f', i, { User: 'alice' }, 'failed_login')));
    expect(out.map((a) => a.rule.name)).toEqual(['multiple_failed_login']);
    // successful_login is referenced by the generating correlation; failed_login only by the inner one.
    expect(engine.suppressedBaseRules()).toEqual(new Set(['failed_login']));
  });

  it('lists base rules only generate: false correlations reference as suppressed', () => {
    expect(engineFor(rules, undefined, known).suppressedBaseRules()).toEqual(new Set(['failed_login', 'successful_login']));
    const mixed = correlationsOf(`title: A
correlation: {type: event_count, rules: [x, y], timespan: 1m, condition: {gte: 2}}
---
title: B
generate: true
correlation: {type: event_count, rules: [y], timespan: 1m, condition: {gte: 2}}
`);
    expect(engineFor(mixed).suppressedBaseRules()).toEqual(new Set(['x']));
  });

  it('with canonical ids, a rule referenced by name in one correlation and by id in another is one rule', () => {
    const two = correlationsOf(`title: A
correlation: {type: event_count, rules: [failed_login], timespan: 1m, condition: {gte: 2}}
---
title: B
generate: true
correlation: {type: event_count, rules: [id-1], timespan: 1m, condition: {gte: 2}}
`);
    const engine = new CorrelationEngine(two, {
      resolver: { knownRule: () => true, canonicalId: (ref) => (ref === 'failed_login' ? 'id-1' : ref) },
      accessorFor: testAccessor,
    });
    expect(engine.suppressedBaseRules()).toEqual(new Set());
  });
});

describe('aliases', () => {
  const rules = correlationsOf(`title: Internal error then connection
id: c-alias
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
`);

  it('groups by the field each referenced rule names for the alias', () => {
    const engine = engineFor(rules);
    const err = match('e1', 0, { source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } }, 'internal_error');
    const conn = match('n1', 5_000, { source: { ip: '10.0.0.5' }, destination: { ip: '203.0.113.9' } }, 'new_network_connection');
    const other = match('n1', 6_000, { source: { ip: '10.0.0.6' }, destination: { ip: '203.0.113.9' } }, 'new_network_connection');
    const alerts = run(engine, [err, other, conn]);
    expect(alerts.map((a) => a.group)).toEqual([{ internal_ip: '10.0.0.5', remote_ip: '203.0.113.9' }]);
  });

  it('does not correlate when the aliased fields differ', () => {
    const engine = engineFor(rules);
    const err = match('e1', 0, { source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } }, 'internal_error');
    const swapped = match('n1', 1_000, { source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } }, 'new_network_connection');
    expect(run(engine, [err, swapped])).toEqual([]);
  });
});

describe('engine construction', () => {
  it('refuses a reference to a rule that does not exist', () => {
    const rules = correlationsOf('title: T\nid: t1\ncorrelation: {type: temporal, rules: [known, missing], timespan: 1m}\n', 'f.yml');
    const details = refusal(() => engineFor(rules, undefined, new Set(['known'])));
    expect(details).toMatchObject({ reason: 'unknown-rule', path: 'correlation.rules[1]', rule: 't1', file: 'f.yml' });
  });

  it('refuses correlations that reference each other in a cycle', () => {
    const rules = correlationsOf(`title: A
name: a
correlation: {type: event_count, rules: [b], timespan: 1m, condition: {gte: 1}}
---
title: B
name: b
correlation: {type: event_count, rules: [a], timespan: 1m, condition: {gte: 1}}
`);
    expect(refusal(() => engineFor(rules, undefined, new Set()))).toMatchObject({ reason: 'cycle' });
  });

  it('refuses two correlations with one name', () => {
    const rules = correlationsOf(`title: A
name: a
correlation: {type: event_count, rules: [x], timespan: 1m, condition: {gte: 1}}
---
title: B
name: a
correlation: {type: event_count, rules: [x], timespan: 1m, condition: {gte: 1}}
`);
    expect(refusal(() => engineFor(rules))).toMatchObject({ reason: 'duplicate-id', path: 'name' });
  });

  it('a chain three deep passes alerts all the way up', () => {
    const rules = correlationsOf(`title: Top
correlation: {type: event_count, rules: [mid], timespan: 1h, condition: {gte: 2}}
---
title: Mid
name: mid
correlation: {type: event_count, rules: [low], group-by: [Host], timespan: 1h, condition: {gte: 2}}
---
title: Low
name: low
correlation: {type: event_count, rules: [base], group-by: [Host], timespan: 1h, condition: {gte: 2}}
`);
    const engine = engineFor(rules);
    const out = run(engine, Array.from({ length: 8 }, (_, i) => match('base', i * MIN, { Host: 'h' })));
    expect(out.map((a) => [a.rule.title, a.aggregate, a.lastTime])).toEqual([['Top', 2, 7 * MIN]]);
  });
});
