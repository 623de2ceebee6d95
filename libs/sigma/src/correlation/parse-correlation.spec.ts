import { isSocError } from '@soc/errors';
import { SOC_ERR_SIGMA_CORRELATION_INVALID } from '../errors';
import { parseCorrelation } from './parse-correlation';
import { parseTimespanMs } from './timespan';
import { yamlDocs } from './test-support';

function parse(text: string, file = 'mr_test.yml') {
  return parseCorrelation(yamlDocs(text)[0] as Record<string, unknown>, { file, index: 0 });
}

/** The error's details ({ rule, file, path, reason }) when parsing fails. */
function failure(text: string): Record<string, unknown> {
  try {
    parse(text);
  } catch (err) {
    if (!isSocError(err, SOC_ERR_SIGMA_CORRELATION_INVALID)) throw err;
    return { ...err.details, message: err.message };
  }
  throw new Error('expected the correlation to be refused');
}

const base = (section: string, top = '') => `title: T\nid: 11111111-2222-3333-4444-555555555555\n${top}correlation:\n${section}`;

describe('parseTimespanMs', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['90m', 5_400_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
  ])('%s is %d ms', (text, ms) => expect(parseTimespanMs(text)).toBe(ms));

  it.each(['', 'm', '5', '0m', '5M', '1y', '5 m', '-5m', '1.5h', '5H', '10ms'])('refuses %p', (text) => {
    expect(parseTimespanMs(text)).toBeUndefined();
  });
});

describe('parseCorrelation', () => {
  it('reads an event_count rule with its metadata', () => {
    const rule = parse(`title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
name: many_failed
status: test
level: high
author: someone
tags: [attack.t1110]
references: https://example.org
date: 2024-10-13
correlation:
  type: event_count
  rules: [5638f7c0-ac70-491d-8465-2a65075e0d86, failed_login]
  group-by: [ComputerName]
  timespan: 1h
  condition:
    gte: 100
`);
    expect(rule).toMatchObject({
      ref: '0e95725d-7320-415d-80f7-004da920fc11',
      name: 'many_failed',
      title: 'Many failed logins',
      status: 'test',
      level: 'high',
      author: 'someone',
      tags: ['attack.t1110'],
      references: ['https://example.org'],
      date: '2024-10-13',
      type: 'event_count',
      rules: ['5638f7c0-ac70-491d-8465-2a65075e0d86', 'failed_login'],
      groupBy: ['ComputerName'],
      timespan: '1h',
      timespanMs: 3_600_000,
      condition: { gte: 100 },
      generate: false,
      file: 'mr_test.yml',
      index: 0,
    });
  });

  it('keeps a range condition (bounds are ANDed) and the value field as a list', () => {
    const rule = parse(base('  type: value_count\n  rules: [r]\n  group-by: [a]\n  timespan: 1d\n  condition:\n    field: User\n    gt: 100\n    lte: 200\n'));
    expect(rule.condition).toEqual({ gt: 100, lte: 200, field: ['User'] });
  });

  it('accepts several fields for value_count (counted as tuples)', () => {
    const rule = parse(base('  type: value_count\n  rules: [r]\n  timespan: 1d\n  condition:\n    field: [User, Domain]\n    gte: 3\n'));
    expect(rule.condition.field).toEqual(['User', 'Domain']);
    expect(rule.groupBy).toEqual([]);
  });

  it('defaults a temporal condition to all referenced rules', () => {
    const rule = parse(base('  type: temporal\n  rules: [a, b, c]\n  group-by: [User]\n  timespan: 5m\n'));
    expect(rule.condition).toEqual({ gte: 3 });
    const relaxed = parse(base('  type: temporal\n  rules: [a, b, c]\n  group-by: [User]\n  timespan: 5m\n  condition:\n    gte: 2\n'));
    expect(relaxed.condition).toEqual({ gte: 2 });
  });

  it('reads value_sum, value_avg and value_percentile with their field', () => {
    for (const type of ['value_sum', 'value_avg', 'value_percentile']) {
      const rule = parse(base(`  type: ${type}\n  rules: [r]\n  group-by: [SourceIP]\n  timespan: 1h\n  condition:\n    field: bytes\n    gt: 500.5\n`));
      expect(rule.type).toBe(type);
      expect(rule.condition).toEqual({ gt: 500.5, field: ['bytes'] });
    }
    const p = parse(base('  type: value_percentile\n  rules: [r]\n  group-by: [h]\n  timespan: 1h\n  condition:\n    field: ms\n    percentile: 95\n    gt: 300\n'));
    expect(p.condition.percentile).toBe(95);
  });

  it('reads aliases and generate from the top level or the correlation section', () => {
    const rule = parse(
      base(
        '  type: temporal\n  rules: [internal_error, new_network_connection]\n  group-by: [internal_ip]\n  timespan: 10s\n' +
          '  aliases:\n    internal_ip:\n      internal_error: destination.ip\n      new_network_connection: source.ip\n',
        'generate: true\n',
      ),
    );
    expect(rule.aliases).toEqual({ internal_ip: { internal_error: 'destination.ip', new_network_connection: 'source.ip' } });
    expect(rule.generate).toBe(true);
    expect(parse(base('  type: temporal\n  rules: [a, b]\n  timespan: 1m\n  generate: true\n')).generate).toBe(true);
  });

  it.each([
    ['missing title', 'correlation:\n  type: event_count\n  rules: [r]\n  timespan: 1h\n  condition: {gte: 1}\n', 'missing-title', 'title'],
    ['no correlation map', 'title: T\ncorrelation: 3\n', 'missing-correlation', 'correlation'],
    ['bad type', base('  type: event_sum\n  rules: [r]\n  timespan: 1h\n'), 'bad-type', 'correlation.type'],
    ['no rules', base('  type: event_count\n  timespan: 1h\n  condition: {gte: 1}\n'), 'missing-rules', 'correlation.rules'],
    ['empty rules', base('  type: event_count\n  rules: []\n  timespan: 1h\n  condition: {gte: 1}\n'), 'missing-rules', 'correlation.rules'],
    ['duplicate rule', base('  type: temporal\n  rules: [a, a]\n  timespan: 1h\n'), 'duplicate-rule-ref', 'correlation.rules[1]'],
    ['bad timespan', base('  type: event_count\n  rules: [r]\n  timespan: 1M\n  condition: {gte: 1}\n'), 'bad-timespan', 'correlation.timespan'],
    ['missing timespan', base('  type: event_count\n  rules: [r]\n  condition: {gte: 1}\n'), 'bad-timespan', 'correlation.timespan'],
    ['no condition', base('  type: event_count\n  rules: [r]\n  timespan: 1h\n'), 'missing-condition', 'correlation.condition'],
    ['unknown operator', base('  type: event_count\n  rules: [r]\n  timespan: 1h\n  condition: {ge: 1}\n'), 'unknown-operator', 'correlation.condition.ge'],
    ['text threshold', base('  type: event_count\n  rules: [r]\n  timespan: 1h\n  condition: {gte: "5"}\n'), 'bad-threshold', 'correlation.condition.gte'],
    ['only a field', base('  type: value_count\n  rules: [r]\n  timespan: 1h\n  condition: {field: x}\n'), 'missing-operator', 'correlation.condition'],
    ['value_count without field', base('  type: value_count\n  rules: [r]\n  timespan: 1h\n  condition: {gte: 2}\n'), 'missing-field', 'correlation.condition.field'],
    ['event_count with field', base('  type: event_count\n  rules: [r]\n  timespan: 1h\n  condition: {gte: 2, field: x}\n'), 'unexpected-field', 'correlation.condition.field'],
    ['sum of two fields', base('  type: value_sum\n  rules: [r]\n  timespan: 1h\n  condition: {gt: 2, field: [a, b]}\n'), 'bad-field', 'correlation.condition.field'],
    ['percentile out of range', base('  type: value_percentile\n  rules: [r]\n  timespan: 1h\n  condition: {gt: 2, field: a, percentile: 120}\n'), 'bad-percentile', 'correlation.condition.percentile'],
    ['partial ordered', base('  type: temporal_ordered\n  rules: [a, b, c]\n  timespan: 1h\n  condition: {gte: 2}\n'), 'unsupported-condition', 'correlation.condition'],
    ['alias of another rule', base('  type: temporal\n  rules: [a, b]\n  timespan: 1h\n  aliases:\n    ip:\n      c: source.ip\n'), 'alias-unknown-rule', 'correlation.aliases.ip.c'],
    ['group-by not a list', base('  type: event_count\n  rules: [r]\n  group-by: User\n  timespan: 1h\n  condition: {gte: 1}\n'), 'bad-group-by', 'correlation.group-by'],
    ['unknown attribute', base('  type: event_count\n  rules: [r]\n  timespan: 1h\n  window: 5\n  condition: {gte: 1}\n'), 'unknown-key', 'correlation.window'],
    ['generate conflict', base('  type: temporal\n  rules: [a, b]\n  timespan: 1h\n  generate: false\n', 'generate: true\n'), 'bad-generate', 'generate'],
    ['bad level', base('  type: temporal\n  rules: [a, b]\n  timespan: 1h\n', 'level: severe\n'), 'bad-level', 'level'],
  ])('refuses %s', (_name, text, reason, path) => {
    const details = failure(text);
    expect(details).toMatchObject({ reason, path });
    if (text.startsWith('title')) {
      expect(details['rule']).toBe(text.includes('id: 1111') ? '11111111-2222-3333-4444-555555555555' : 'T');
    }
    expect(details['file']).toBe('mr_test.yml');
    expect(String(details['message'])).toContain('mr_test.yml');
  });

  it('accepts an ordered condition that needs every rule', () => {
    expect(parse(base('  type: temporal_ordered\n  rules: [a, b]\n  timespan: 1h\n  condition: {eq: 2}\n')).condition).toEqual({ eq: 2 });
    expect(parse(base('  type: temporal_ordered\n  rules: [a, b]\n  timespan: 1h\n  condition: {gt: 1}\n')).condition).toEqual({ gt: 1 });
  });
});
