import { JsonValueScanner } from './json-scanner';
import type { ValueSink } from './types';

class Collect implements ValueSink {
  readonly values: [number, string][] = [];
  readonly junks: [number, string, string | undefined][] = [];
  value(text: string, line: number): void {
    this.values.push([line, text]);
  }
  junk(line: number, reason: string, text?: string): void {
    this.junks.push([line, reason, text]);
  }
}

function scan(pieces: readonly string[], max?: number): Collect {
  const sink = new Collect();
  const s = new JsonValueScanner(sink, 1, max);
  for (const p of pieces) s.push(p);
  s.end();
  return sink;
}

const TEXT = '{"a": "br}ace\\\\"}\n{\n  "b": {"c": ["\\"[", 2]},\n  "d": "x\\ny"\n}  {"e":1}\n[\n{"f":0}\n]\n{"g":2}';

describe('JsonValueScanner', () => {
  it('splits values with their start lines, ignoring brackets inside strings and escapes', () => {
    const whole = scan([TEXT]);
    expect(whole.values.map(([l, t]) => [l, JSON.parse(t)])).toEqual([
      [1, { a: 'br}ace\\' }],
      [2, { b: { c: ['"[', 2] }, d: 'x\ny' }],
      [5, { e: 1 }],
      [7, { f: 0 }],
      [9, { g: 2 }],
    ]);
    expect(whole.junks).toEqual([]);
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const whole = scan([TEXT]);
    expect(scan([...TEXT])).toEqual(whole);
    for (let cut = 1; cut < TEXT.length; cut++) expect(scan([TEXT.slice(0, cut), TEXT.slice(cut)])).toEqual(whole);
  });

  it('reports stray text once per line with its text, and scalar array elements', () => {
    const sink = scan(['Record 7\n{"a":1} trailing words\n[1, "s", {"b":2}]\n']);
    expect(sink.values).toEqual([
      [2, '{"a":1}'],
      [3, '{"b":2}'],
    ]);
    expect(sink.junks.map(([l, , t]) => [l, t])).toEqual([
      [1, 'Record 7'],
      [2, 'trailing words'],
      [3, '1'],
      [3, '"s"'],
    ]);
  });

  it('skips a value over the size limit and reads on', () => {
    const sink = scan(['{"big": "', 'x'.repeat(100), '"}\n{"ok": 1}'], 50);
    expect(sink.values).toEqual([[2, '{"ok": 1}']]);
    expect(sink.junks).toHaveLength(1);
    expect(sink.junks[0]?.[0]).toBe(1);
    expect(sink.junks[0]?.[1]).toMatch(/larger than 50 characters/);
  });

  it('reports an unterminated top-level array', () => {
    const sink = scan(['[{"a":1},\n']);
    expect(sink.values).toEqual([[1, '{"a":1}']]);
    expect(sink.junks.map(([l, r]) => [l, r])).toEqual([[2, "unterminated top-level array (missing ']')"]]);
  });
});
