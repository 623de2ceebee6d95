import { parseCondition } from './condition';
import { RuleProblem } from './problem';
import { matcher, parseReason } from './test-helpers';

const ids = ['a', 'b', 'c', 'sel_1', 'sel_2', 'filter_x', '_hidden', 'note', 'pad', 'foo0.5', 'null-field'];
const parse = (t: string): unknown => parseCondition(t, ids, 'detection.condition');

function reason(t: string): string | undefined {
  try {
    parse(t);
    return undefined;
  } catch (e) {
    return e instanceof RuleProblem ? e.reason : 'other';
  }
}

describe('condition grammar', () => {
  it('binds not > and > or, left to right', () => {
    expect(parse('a and b or c')).toEqual({ type: 'or', args: [{ type: 'and', args: [{ type: 'id', name: 'a' }, { type: 'id', name: 'b' }] }, { type: 'id', name: 'c' }] });
    expect(parse('a or b and c')).toEqual({ type: 'or', args: [{ type: 'id', name: 'a' }, { type: 'and', args: [{ type: 'id', name: 'b' }, { type: 'id', name: 'c' }] }] });
    expect(parse('not a and b')).toEqual({ type: 'and', args: [{ type: 'not', arg: { type: 'id', name: 'a' } }, { type: 'id', name: 'b' }] });
    expect(parse('a and b and c')).toEqual({ type: 'and', args: ['a', 'b', 'c'].map((name) => ({ type: 'id', name })) });
  });

  it('parentheses override precedence; identifiers may look like keywords or hold dots and dashes', () => {
    expect(parse('a and (b or c)')).toEqual({ type: 'and', args: [{ type: 'id', name: 'a' }, { type: 'or', args: [{ type: 'id', name: 'b' }, { type: 'id', name: 'c' }] }] });
    expect(parse('note and pad')).toEqual({ type: 'and', args: [{ type: 'id', name: 'note' }, { type: 'id', name: 'pad' }] });
    expect(parse('foo0.5 or null-field')).toEqual({ type: 'or', args: [{ type: 'id', name: 'foo0.5' }, { type: 'id', name: 'null-field' }] });
    expect(parse('not not a')).toEqual({ type: 'not', arg: { type: 'not', arg: { type: 'id', name: 'a' } } });
  });

  it('x of pattern / them, excluding _ identifiers unless named', () => {
    expect(parse('1 of sel_*')).toEqual({ type: 'or', args: [{ type: 'id', name: 'sel_1' }, { type: 'id', name: 'sel_2' }] });
    expect(parse('any of sel_*')).toEqual(parse('1 of sel_*'));
    expect(parse('all of sel_*')).toEqual({ type: 'and', args: [{ type: 'id', name: 'sel_1' }, { type: 'id', name: 'sel_2' }] });
    expect(parse('all of them')).toEqual({ type: 'and', args: ids.filter((i) => !i.startsWith('_')).map((name) => ({ type: 'id', name })) });
    expect(parse('1 of _hid*')).toEqual({ type: 'id', name: '_hidden' });
    expect(parse('1 of *_x and not 1 of sel*')).toEqual({ type: 'and', args: [{ type: 'id', name: 'filter_x' }, { type: 'not', arg: parse('1 of sel_*') }] });
  });

  it('refuses bad conditions with a reason naming the problem', () => {
    expect(reason('a and missing')).toBe('unknown-identifier');
    expect(() => parse('a and missing')).toThrow(/'missing'/);
    expect(reason('a AND b')).toBe('keyword-case');
    expect(reason('a and')).toBe('condition-syntax');
    expect(reason('(a or b')).toBe('condition-syntax');
    expect(reason('a b')).toBe('condition-syntax');
    expect(reason('1 of nothing*')).toBe('pattern-matches-nothing');
    expect(reason('a | count() > 5')).toBe('aggregation-in-condition');
    expect(reason('')).toBe('empty-condition');
  });
});

describe('conditions evaluated', () => {
  it('combines selections with and / or / not and x of', () => {
    const m = matcher("sel_a:\n  A: 1\nsel_b:\n  B: 1\nfilter:\n  C: 1\ncondition: 1 of sel_* and not filter");
    expect([m({ A: 1 }), m({ B: 1 }), m({ A: 1, C: 1 }), m({ C: 1 })]).toEqual([true, true, false, false]);
    const all = matcher("sel_a:\n  A: 1\nsel_b:\n  B: 1\ncondition: all of sel_*");
    expect([all({ A: 1, B: 1 }), all({ A: 1 })]).toEqual([true, false]);
  });

  it('a list of conditions is OR-ed', () => {
    const m = matcher('a:\n  A: 1\nb:\n  B: 1\ncondition:\n  - a\n  - b');
    expect([m({ A: 1 }), m({ B: 1 }), m({})]).toEqual([true, true, false]);
  });

  it('maps are AND, lists of maps OR, keyword lists full-text OR, |all keywords AND', () => {
    const map = matcher('sel:\n  A: 1\n  B: 2\ncondition: sel');
    expect([map({ A: 1, B: 2 }), map({ A: 1 })]).toEqual([true, false]);
    const maps = matcher('sel:\n  - A: 1\n  - B: 2\ncondition: sel');
    expect([maps({ B: 2 }), maps({ A: 2 })]).toEqual([true, false]);
    const kw = matcher("keywords:\n  - 'event::clear'\n  - 'svchost.exe -n evil'\ncondition: keywords");
    expect([kw({ msg: 'mimikatz EVENT::CLEAR done' }), kw({ nested: { deep: ['x', 'run svchost.exe -n evil now'] } }), kw({ msg: 'event clear' })]).toEqual([true, true, false]);
    const kwAll = matcher("keywords:\n  '|all':\n    - 'OabVirtualDirectory'\n    - ' -ExternalUrl '\ncondition: keywords");
    expect([kwAll({ a: 'Set-OabVirtualDirectory', b: 'x -ExternalUrl y' }), kwAll({ a: 'Set-OabVirtualDirectory' })]).toEqual([true, false]);
    const num = matcher('keywords:\n  - 4625\ncondition: keywords');
    expect(num({ id: 4625 })).toBe(true);
  });

  it('refuses malformed detections', () => {
    expect(parseReason('sel:\n  - A: 1\n  - foo\ncondition: sel')).toBe('mixed-search-identifier');
    expect(parseReason('sel: {}\ncondition: sel')).toBe('empty-search-identifier');
    expect(parseReason('sel: just-a-string\ncondition: sel')).toBe('bad-search-identifier');
    expect(parseReason('sel:\n  A: []\ncondition: sel')).toBe('empty-value-list');
    expect(parseReason('sel:\n  A: {x: 1}\ncondition: sel')).toBe('bad-value');
    expect(parseReason('sel:\n  A: 1')).toBe('missing-condition');
    expect(parseReason('sel:\n  A: 1\ncondition: sel and nope')).toBe('unknown-identifier');
    expect(parseReason('sel:\n  A: 1\ntimeframe: 5m\ncondition: sel')).toBe('timeframe-in-detection');
  });
});
