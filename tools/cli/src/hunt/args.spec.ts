import { parseHuntArgs } from './args';

describe('parseHuntArgs', () => {
  it('takes several values per path flag and the defaults', () => {
    expect(parseHuntArgs(['--rules', 'a', 'b', '--events', 'c', '--rules=d'])).toEqual({
      rules: ['a', 'b', 'd'],
      events: ['c'],
      mapping: 'auto',
      minLevel: undefined,
      output: undefined,
      strict: false,
      help: false,
    });
  });

  it('reads the single-value options and switches', () => {
    const o = parseHuntArgs(['--events', 'e', '--mapping', 'ocsf', '--min-level=high', '--output', 'out.jsonl', '--strict', '--rules', 'r']);
    expect(o).toMatchObject({ mapping: 'ocsf', minLevel: 'high', output: 'out.jsonl', strict: true, rules: ['r'], events: ['e'] });
  });

  it.each([
    [['--events', 'e'], '--rules is required'],
    [['--rules', 'r'], '--events is required'],
    [['--rules', '--events', 'e'], '--rules needs a value'],
    [['--rules', 'r', '--events', 'e', '--mapping', 'splunk'], "--mapping must be one of windows, ocsf, flat, auto, got 'splunk'"],
    [['--rules', 'r', '--events', 'e', '--min-level', 'severe'], "--min-level must be one of informational, low, medium, high, critical, got 'severe'"],
    [['--rules', 'r', '--events', 'e', '--output', 'a', 'b'], '--output takes one value, got a b'],
    [['--rules', 'r', '--events', 'e', '--frobnicate'], "unknown argument '--frobnicate'"],
  ])('rejects %j as usage: %s', (argv, message) => {
    expect(() => parseHuntArgs(argv)).toThrow(expect.objectContaining({ kind: 'usage', message }));
  });

  it('accepts --help alone', () => {
    expect(parseHuntArgs(['--help']).help).toBe(true);
  });
});
