import { isSocError } from '@soc/errors';
import { splitRecords } from './split';
import type { SplitOptions } from './records';

const opts = (o: Partial<SplitOptions> = {}): SplitOptions => ({ contentType: 'ndjson', maxRecordBytes: 1_000_000, maxRecords: 10_000, ...o });

describe('splitRecords on JSON sources', () => {
  it('splits NDJSON, ignoring blank lines and CRLF, with 1-based line numbers', () => {
    const body = '{"a":1}\r\n\r\n{"b":2}\n   \n{"c":"x\\ny"}\n';
    const { records, rejected } = splitRecords('okta', body, opts());
    expect(rejected).toEqual([]);
    expect(records).toEqual([
      { index: 0, line: 1, format: 'json', data: { a: 1 }, json: '{"a":1}' },
      { index: 1, line: 3, format: 'json', data: { b: 2 }, json: '{"b":2}' },
      { index: 2, line: 5, format: 'json', data: { c: 'x\ny' }, json: '{"c":"x\\ny"}' },
    ]);
  });

  it('splits a pretty-printed JSON array with the line of each element', () => {
    const body = '[\n  {\n    "a": 1\n  },\n  {"b": [1, {"c": "]"}]}\n]\n';
    const { records, rejected } = splitRecords('github-audit', body, opts({ contentType: 'json' }));
    expect(rejected).toEqual([]);
    expect(records.map((r) => [r.line, r.data])).toEqual([
      [2, { a: 1 }],
      [5, { b: [1, { c: ']' }] }],
    ]);
  });

  it('accepts a single object', () => {
    const { records } = splitRecords('entra', '{"id":"x"}', opts({ contentType: 'json' }));
    expect(records).toHaveLength(1);
  });

  it('splits concatenated objects on one line and pretty-printed one after another', () => {
    const body = '{"a":"}{"}{"b":"\\"{"} {"c":3}\n{\n  "d": {\n    "e": 1\n  }\n}\n{\n  "f": 2\n}';
    const { records, rejected } = splitRecords('windows', body, opts({ contentType: 'json' }));
    expect(rejected).toEqual([]);
    expect(records.map((r) => [r.line, r.data])).toEqual([
      [1, { a: '}{' }],
      [1, { b: '"{' }],
      [1, { c: 3 }],
      [2, { d: { e: 1 } }],
      [7, { f: 2 }],
    ]);
  });

  it('rejects a broken object with its line and keeps every other record', () => {
    const body = ['{"ok":1}', '{"broken": "no end', '{"ok":2}', '{"trailing":1,}', '{"cut": {"x": 1', '{"ok":3}'].join('\n');
    const { records, rejected } = splitRecords('okta', body, opts());
    expect(records.map((r) => [r.line, r.data])).toEqual([
      [1, { ok: 1 }],
      [3, { ok: 2 }],
      [6, { ok: 3 }],
    ]);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'SOC_ERR_RECORD_UNPARSEABLE'],
      [4, 'SOC_ERR_RECORD_UNPARSEABLE'],
      [5, 'SOC_ERR_RECORD_UNPARSEABLE'],
    ]);
    expect(rejected[0]?.reason).toMatch(/unterminated string/i);
    expect(rejected[2]?.excerpt).toBe('{"cut": {"x": 1');
  });

  it('resynchronises after a truncated pretty-printed object', () => {
    const body = '{\n  "a": {\n    "b": 1\n{\n  "c": 2\n}\n';
    const { records, rejected } = splitRecords('windows', body, opts({ contentType: 'json' }));
    expect(records.map((r) => [r.line, r.data])).toEqual([[4, { c: 2 }]]);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([[1, 'SOC_ERR_RECORD_UNPARSEABLE']]);
  });

  it('rejects non-object values and garbage lines with a reason', () => {
    const body = '42\n"text"\nnull\n[1,2]\nhello world\n{"ok":true}';
    const { records, rejected } = splitRecords('okta', body, opts());
    expect(records).toHaveLength(1);
    expect(rejected.map((r) => [r.line, r.code, r.excerpt])).toEqual([
      [1, 'SOC_ERR_RECORD_NOT_OBJECT', '42'],
      [2, 'SOC_ERR_RECORD_NOT_OBJECT', '"text"'],
      [3, 'SOC_ERR_RECORD_NOT_OBJECT', 'null'],
      [4, 'SOC_ERR_RECORD_NOT_OBJECT', '1'],
      [4, 'SOC_ERR_RECORD_NOT_OBJECT', '2'],
      [5, 'SOC_ERR_RECORD_UNPARSEABLE', 'hello world'],
    ]);
    expect(rejected[0]?.reason).toBe('expected a JSON object, got a number');
  });

  it('rejects records over maxRecordBytes (UTF-8 bytes) without parsing them', () => {
    const big = `{"x":"${'é'.repeat(30)}"}`; // 38 chars, 68 bytes
    const { records, rejected } = splitRecords('okta', `${big}\n{"y":1}`, opts({ maxRecordBytes: 50 }));
    expect(records).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ line: 1, code: 'SOC_ERR_RECORD_TOO_LARGE' });
  });

  it('throws SOC_ERR_TOO_MANY_RECORDS past maxRecords', () => {
    const body = '{"a":1}\n{"a":2}\n{"a":3}';
    expect(splitRecords('okta', body, opts({ maxRecords: 3 })).records).toHaveLength(3);
    let err: unknown;
    try {
      splitRecords('okta', body, opts({ maxRecords: 2 }));
    } catch (e) {
      err = e;
    }
    expect(isSocError(err, 'SOC_ERR_TOO_MANY_RECORDS')).toBe(true);
    expect((err as { httpStatus: number }).httpStatus).toBe(413);
  });

  it('unwraps CloudTrail {"Records":[...]} into one record per element', () => {
    const body = '{"Records":[{"eventName":"A"},{"eventName":"B"},7]}\n{"eventName":"C"}';
    const { records, rejected } = splitRecords('aws-cloudtrail', body, opts({ contentType: 'json' }));
    expect(records.map((r) => (r.data as { eventName: string }).eventName)).toEqual(['A', 'B', 'C']);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(rejected).toMatchObject([{ line: 1, code: 'SOC_ERR_RECORD_NOT_OBJECT' }]);
  });

  it('checks CloudTrail elements, not the wrapper, against maxRecordBytes', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ eventName: `E${i}`, pad: 'x'.repeat(20) }));
    items.push({ eventName: 'BIG', pad: 'x'.repeat(200) });
    const { records, rejected } = splitRecords('aws-cloudtrail', JSON.stringify({ Records: items }), opts({ maxRecordBytes: 100 }));
    expect(records).toHaveLength(10);
    expect(rejected).toMatchObject([{ code: 'SOC_ERR_RECORD_TOO_LARGE' }]);
  });

  it('takes evtx_dump and flat Windows objects as they are', () => {
    const body = '{"Event":{"System":{"EventID":1}}}\n{"EventID":4624,"Channel":"Security"}';
    const { records } = splitRecords('windows', body, opts());
    expect(records.map((r) => r.data)).toEqual([{ Event: { System: { EventID: 1 } } }, { EventID: 4624, Channel: 'Security' }]);
  });

  it('decodes Buffers as UTF-8 (BOM dropped) and refuses invalid UTF-8', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}')]);
    expect(splitRecords('okta', withBom, opts()).records[0]?.data).toEqual({ a: 'é' });
    expect(() => splitRecords('okta', Buffer.from([0x7b, 0xff, 0x7d]), opts())).toThrow(
      expect.objectContaining({ code: 'SOC_ERR_BAD_ENCODING' }),
    );
  });

  it('refuses a text body for a JSON source', () => {
    expect(() => splitRecords('zeek', '{}', opts({ contentType: 'text' }))).toThrow(
      expect.objectContaining({ code: 'SOC_ERR_UNSUPPORTED_MEDIA_TYPE' }),
    );
  });
});

describe('splitRecords with an NDJSON body', () => {
  const opts = { contentType: 'ndjson' as const, maxRecordBytes: 200, maxRecords: 100 };

  it('rejects each bad line on its own and keeps the lines after it', () => {
    const body = ['{"a":1}', '{not json', '', '42', '{"b":2}', `{"big":"${'x'.repeat(300)}"}`, '{"c":3}'].join('\n');
    const r = splitRecords('okta', body, opts);
    expect(r.records.map((x) => [x.line, x.data])).toEqual([
      [1, { a: 1 }],
      [5, { b: 2 }],
      [7, { c: 3 }],
    ]);
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [2, 'SOC_ERR_RECORD_UNPARSEABLE'],
      [4, 'SOC_ERR_RECORD_NOT_OBJECT'],
      [6, 'SOC_ERR_RECORD_TOO_LARGE'],
    ]);
  });

  it('unwraps a CloudTrail file on one line even when the wrapper exceeds the record limit', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ eventName: `E${i}`, pad: 'y'.repeat(60) }));
    const r = splitRecords('aws-cloudtrail', JSON.stringify({ Records: items }), opts);
    expect(r.records).toHaveLength(5);
    expect(r.rejected).toEqual([]);
  });
});
