import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HuntError } from '../errors';
import { collectFiles, EVENT_EXTENSIONS } from './collect-files';
import { readEventFile } from './read-event-file';
import { CORPORA, RecordingSink, regressionCases, SIGMAHQ } from './testing';

const ANYDESK = join(SIGMAHQ, 'regression_data/rules/windows/file/file_event/file_event_win_anydesk_artefact/0b9ad457-2554-44c1-82c2-d56a99c42377.json');
const NDJSON = join(CORPORA, 'logs/evtx-to-mitre-attack/TA0008-Lateral Movement/T1550-Use Alternate Authentication Material/ID4624-Mimikatz Pass the hash.ndjson');
const OTRF = join(CORPORA, 'logs/otrf-security-datasets/atomic/windows/defense_evasion/host/cmd_mshta_vbscript_execute_psh_2020-10-2202580804.json');

/** Independent split of a file of pretty-printed objects: every object opens at column 0. */
function objectsStartingAtColumnZero(text: string): { line: number; value: unknown }[] {
  const lines = text.split('\n');
  const starts = lines.flatMap((l, i) => (l.startsWith('{') ? [i] : []));
  return starts.map((s, k) => ({ line: s + 1, value: JSON.parse(lines.slice(s, starts[k + 1] ?? lines.length).join('\n')) }));
}

function ndjsonLines(text: string): { line: number; value: unknown }[] {
  return text.split('\n').flatMap((l, i) => (l.trim() ? [{ line: i + 1, value: JSON.parse(l) }] : []));
}

async function read(file: string): Promise<RecordingSink> {
  const sink = new RecordingSink();
  await readEventFile(file, sink);
  return sink;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'soc-hunt-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tmp(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('readEventFile on the corpora', () => {
  it('reads concatenated pretty-printed evtx_dump objects with the line each starts on', async () => {
    const sink = await read(ANYDESK);
    expect(sink.lines).toEqual([1, 52, 103, 154, 205]);
    expect(sink.events.map((e) => e.event)).toEqual(objectsStartingAtColumnZero(readFileSync(ANYDESK, 'utf8')).map((o) => o.value));
    expect(sink.malformedRecords).toEqual([]);
  });

  it('reads every SigmaHQ regression file (163) without a malformed record', async () => {
    const cases = regressionCases();
    expect(cases.length).toBe(163);
    let events = 0;
    for (const c of cases) {
      const file = join(SIGMAHQ, c.json);
      const sink = await read(file);
      const expected = objectsStartingAtColumnZero(readFileSync(file, 'utf8'));
      expect(sink.malformedRecords).toEqual([]);
      expect(sink.lines).toEqual(expected.map((o) => o.line));
      events += sink.events.length;
    }
    expect(events).toBeGreaterThan(163);
  });

  it('reads NDJSON line by line (evtx_dump jsonl and NXLog-flat OTRF)', async () => {
    for (const file of [NDJSON, OTRF]) {
      const sink = await read(file);
      const expected = ndjsonLines(readFileSync(file, 'utf8'));
      expect(sink.malformedRecords).toEqual([]);
      expect(sink.lines).toEqual(expected.map((o) => o.line));
      expect(sink.events.map((e) => e.event)).toEqual(expected.map((o) => o.value));
    }
  });

  it('recognises gzip by its magic bytes, whatever the name says', async () => {
    const gzAsJson = tmp('otrf-compressed.json', gzipSync(readFileSync(OTRF)));
    const plainAsGz = tmp('anydesk-plain.gz', readFileSync(ANYDESK));
    const a = await read(gzAsJson);
    const b = await read(OTRF);
    expect(a.events.length).toBeGreaterThan(1000);
    expect(a.events.map((e) => [e.line, e.event])).toEqual(b.events.map((e) => [e.line, e.event]));
    expect((await read(plainAsGz)).lines).toEqual([1, 52, 103, 154, 205]);
  });

  it('reads a multi-member gzip (cat a.gz b.gz) as one stream', async () => {
    const text = readFileSync(NDJSON, 'utf8');
    const p = tmp('two-members.jsonl', Buffer.concat([gzipSync(text), gzipSync(text)]));
    const sink = await read(p);
    expect(sink.events.length).toBe(2 * ndjsonLines(text).length);
  });

  it('reports a truncated gzip stream after the events before it, without throwing', async () => {
    const gz = gzipSync(readFileSync(OTRF));
    const p = tmp('truncated.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const sink = await read(p);
    expect(sink.events.length).toBeGreaterThan(10);
    expect(sink.malformedRecords).toHaveLength(1);
    expect(sink.malformedRecords[0]?.reason).toMatch(/gzip stream is corrupt or truncated/);
  });
});

describe('readEventFile layouts and malformed input', () => {
  it('reads a pretty-printed top-level array, element by element', async () => {
    const p = tmp('array.json', '[\n  {"a": 1},\n  {\n    "b": "x]}"\n  }\n]\n');
    const sink = await read(p);
    expect(sink.events.map((e) => [e.line, e.event])).toEqual([
      [2, { a: 1 }],
      [3, { b: 'x]}' }],
    ]);
    expect(sink.malformedRecords).toEqual([]);
  });

  it('keeps going after malformed NDJSON lines and reports each with its line', async () => {
    const p = tmp('mixed.ndjson', '{"a":1}\n{"b":\n{"c":3}\nnot json\n[1,{"f":7}]\n{"d":4}{"e":5}\n\n"str"\n{"g":1}');
    const sink = await read(p);
    expect(sink.events.map((e) => [e.line, e.event])).toEqual([
      [1, { a: 1 }],
      [3, { c: 3 }],
      [5, { f: 7 }],
      [6, { d: 4 }],
      [6, { e: 5 }],
      [9, { g: 1 }],
    ]);
    expect(sink.malformedRecords.map((m) => m.line)).toEqual([2, 4, 5, 8]);
    expect(sink.malformedRecords[0]?.reason).toMatch(/unterminated/);
    expect(sink.malformedRecords[1]?.reason).toBe('not JSON: "not json"');
    expect(sink.malformedRecords.every((m) => m.file === p)).toBe(true);
  });

  it('reports an object cut off at the end of a pretty-printed file at the line it starts', async () => {
    const p = tmp('cut.json', '{\n  "a": "{\\"}"\n}\n\n{\n  "b": [1,\n');
    const sink = await read(p);
    expect(sink.events.map((e) => [e.line, e.event])).toEqual([[1, { a: '{"}' }]]);
    expect(sink.malformedRecords).toEqual([{ file: p, line: 5, reason: 'unterminated JSON value at end of input' }]);
  });

  it('reports invalid JSON inside balanced braces and reads the next object', async () => {
    const p = tmp('bad-inner.json', '{\n  "a": 1,\n}\n{\n  "b": 2\n}\n');
    const sink = await read(p);
    expect(sink.events.map((e) => [e.line, e.event])).toEqual([[4, { b: 2 }]]);
    expect(sink.malformedRecords.map((m) => m.line)).toEqual([1]);
    expect(sink.malformedRecords[0]?.reason).toMatch(/^invalid JSON/);
  });

  it('skips evtx_dump "Record N" headers silently', async () => {
    const p = tmp('evtx-dump.json', 'Record 1\n{\n  "x": 1\n}\nRecord 2\n{\n  "y": 2\n}\n');
    const sink = await read(p);
    expect(sink.events.map((e) => [e.line, e.event])).toEqual([
      [2, { x: 1 }],
      [6, { y: 2 }],
    ]);
    expect(sink.malformedRecords).toEqual([]);
  });

  it('decodes multi-byte UTF-8 split across 1 MiB read chunks, with a BOM and CRLF', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ i, s: 'é€😀'.repeat(i % 7) }));
    const p = tmp('utf8.ndjson', '\uFEFF' + rows.join('\r\n') + '\r\n');
    const sink = await read(p);
    expect(sink.malformedRecords).toEqual([]);
    expect(sink.events).toHaveLength(40_000);
    expect(sink.events[39_999]).toEqual({ event: { i: 39_999, s: 'é€😀'.repeat(39_999 % 7) }, file: p, line: 40_000 });
    expect(sink.events.every((e, i) => e.line === i + 1 && e.event['s'] === 'é€😀'.repeat(i % 7))).toBe(true);
  });

  it('skips a text log whole (once, with its first line) and does not read it to the end', async () => {
    const p = tmp('zeek.log', '#separator \\x09\n' + Array.from({ length: 200_000 }, (_, i) => `1692374413.0${i}\tC${i}\t192.168.1.42\t53`).join('\n'));
    const sink = await read(p);
    expect(sink.events).toEqual([]);
    expect(sink.malformedRecords).toEqual([]);
    expect(sink.skippedFiles).toEqual([{ file: p, reason: 'not JSON (first line: "#separator \\\\x09")' }]);
  });

  it('reads on after a few text lines before the first JSON line, reporting each', async () => {
    const p = tmp('preamble.jsonl', 'exported by tool x\n# columns: all\n{"a":1}\n{"b":2}\n');
    const sink = await read(p);
    expect(sink.events.map((e) => [e.line, e.event])).toEqual([
      [3, { a: 1 }],
      [4, { b: 2 }],
    ]);
    expect(sink.malformedRecords.map((m) => m.line)).toEqual([1, 2]);
    expect(sink.skippedFiles).toEqual([]);
  });

  it('reads an empty file as no events', async () => {
    const sink = await read(tmp('empty.json', ''));
    expect(sink.events).toEqual([]);
    expect(sink.malformedRecords).toEqual([]);
  });

  it('throws HuntError unreadable-path for a missing file', async () => {
    await expect(read(join(dir, 'missing.json'))).rejects.toMatchObject({ kind: 'unreadable-path', message: expect.stringContaining('ENOENT') });
    await expect(read(join(dir, 'missing.json'))).rejects.toBeInstanceOf(HuntError);
  });
});

describe('collectFiles', () => {
  it('walks directories for the event extensions, in order, and takes named files as given', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'sub/deeper'), { recursive: true });
    for (const f of ['b.json', 'a.jsonl', 'sub/c.ndjson', 'sub/deeper/d.log', 'sub/e.gz', 'sub/skip.txt', 'sub/.hidden.json', 'F.JSON']) writeFileSync(join(root, f), '{}');
    const named = tmp('named.txt', '{}');
    const files = await collectFiles([root, named], EVENT_EXTENSIONS);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['tree/F.JSON', 'tree/a.jsonl', 'tree/b.json', 'tree/sub/c.ndjson', 'tree/sub/deeper/d.log', 'tree/sub/e.gz', 'named.txt']);
  });

  it('throws HuntError unreadable-path for a path that does not exist', async () => {
    await expect(collectFiles([join(dir, 'nope')], EVENT_EXTENSIONS)).rejects.toMatchObject({ kind: 'unreadable-path', path: join(dir, 'nope') });
  });
});
