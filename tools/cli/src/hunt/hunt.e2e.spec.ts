/**
 * `soc hunt` as users run it: a real process (`node tools/cli/bin/soc.js hunt ...`) over
 * SigmaHQ rules and their regression events read in place, checked on stdout, stderr and the
 * exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { regressionCases, SIGMAHQ } from '../events/testing';

const REPO = resolve(__dirname, '../../../..');
const BIN = join(REPO, 'tools/cli/bin/soc.js');

interface Run {
  code: number | null;
  lines: Record<string, unknown>[];
  stderr: string;
}

function hunt(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [BIN, 'hunt', ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, lines, stderr: r.stderr };
}

function summaryOf(run: Run): Record<string, unknown> {
  const last = run.lines[run.lines.length - 1];
  expect(last).toHaveProperty('summary');
  return (last as { summary: Record<string, unknown> }).summary;
}

const matchesOf = (run: Run) => run.lines.filter((l) => !('summary' in l));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'soc-hunt-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases = regressionCases();
const first = cases[0];
if (!first) throw new Error('regression manifest is empty');

describe('soc hunt (process)', () => {
  it('prints the match line of a SigmaHQ rule on its regression events, then the summary', () => {
    const events = join(SIGMAHQ, first.json);
    const run = hunt(['--rules', join(SIGMAHQ, first.rule_path), '--events', events]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rule = readFileSync(join(SIGMAHQ, first.rule_path), 'utf8');
    expect(matchesOf(run)).toEqual([
      {
        rule_id: first.rule_id,
        rule_title: first.title,
        level: first.level,
        author: expect.any(String),
        tags: expect.arrayContaining([expect.stringMatching(/^attack\./)]),
        events: [{ file: events, line: 1 }],
      },
    ]);
    expect(rule).toContain(`author: ${(matchesOf(run)[0] as { author: string }).author}`);
    expect(summaryOf(run)).toMatchObject({ rules_loaded: 1, rules_failed: 0, files: 1, events: 1, malformed: 0, matches: 1, by_level: { [first.level]: 1 } });
  });

  it('finds every one of the 163 SigmaHQ regression cases when all their rules run over all their events', () => {
    const rules = [...new Set(cases.map((c) => join(SIGMAHQ, c.rule_path)))];
    const run = hunt(['--rules', ...rules, '--events', join(SIGMAHQ, 'regression_data')]);
    expect(run.code).toBe(0);
    const found = new Set(matchesOf(run).flatMap((m) => (m['events'] as { file: string }[]).map((e) => `${String(m['rule_id'])} ${e.file}`)));
    const missed = cases.filter((c) => !found.has(`${c.rule_id} ${join(SIGMAHQ, c.json)}`)).map((c) => c.rule_path);
    expect(missed).toEqual([]);
    expect(summaryOf(run)).toMatchObject({ rules_loaded: rules.length, rules_failed: 0, files: 163, malformed: 0 });
  });

  it('runs a correlation over gzip NDJSON and lists every contributing event with its line', () => {
    const rule = join(dir, 'burst.yml');
    writeFileSync(
      rule,
      [
        'title: Whoami',
        'id: 0a000000-0000-4000-8000-000000000001',
        'name: whoami',
        'level: low',
        'logsource: { category: process_creation, product: windows }',
        'detection:',
        "  sel: { Image|endswith: '\\whoami.exe' }",
        '  condition: sel',
        '---',
        'title: Whoami burst',
        'id: 0a000000-0000-4000-8000-000000000002',
        'level: high',
        'author: soc tests',
        'correlation: { type: event_count, rules: [whoami], group-by: [User], timespan: 5m, condition: { gte: 3 } }',
      ].join('\n'),
    );
    const ev = (user: string, t: string) =>
      JSON.stringify({ Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', TimeCreated: { '#attributes': { SystemTime: t } } }, EventData: { Image: 'C:\\Windows\\System32\\whoami.exe', User: user } } });
    const lines = [ev('alice', '2025-01-01T00:00:00Z'), ev('bob', '2025-01-01T00:00:10Z'), ev('alice', '2025-01-01T00:01:00Z'), ev('alice', '2025-01-01T00:02:00Z'), ev('alice', '2025-01-01T01:00:00Z')];
    const events = join(dir, 'whoami.log');
    writeFileSync(events, gzipSync(lines.join('\n') + '\n'));
    const run = hunt(['--rules', rule, '--events', events]);
    expect(run.code).toBe(0);
    const corr = matchesOf(run).filter((m) => m['correlation'] !== undefined);
    expect(corr).toEqual([
      {
        rule_id: '0a000000-0000-4000-8000-000000000002',
        rule_title: 'Whoami burst',
        level: 'high',
        author: 'soc tests',
        tags: [],
        events: [1, 3, 4].map((line) => ({ file: events, line })),
        correlation: { type: 'event_count', group: { User: 'alice' }, aggregate: 3, event_count: 3 },
      },
    ]);
    // generate: false (the default): the base rule feeds the correlation and does not alert itself.
    expect(matchesOf(run)).toHaveLength(1);
  });

  it('routes each event under --mapping auto: evtx_dump and NXLog to Windows, class_uid to OCSF, the rest to flat', () => {
    const rule = join(dir, 'whoami.yml');
    writeFileSync(rule, "title: Whoami\nid: 0e000000-0000-4000-8000-000000000001\nlevel: low\nlogsource: { category: process_creation, product: windows }\ndetection:\n  sel: { Image|endswith: '\\whoami.exe' }\n  condition: sel\n");
    const image = 'C:\\Windows\\System32\\whoami.exe';
    const events = join(dir, 'mixed.ndjson');
    writeFileSync(
      events,
      [
        { Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: image } } },
        { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: image },
        { class_uid: 1007, activity_id: 1, process: { file: { path: image } } },
        { Image: image, note: 'flat JSON: the Windows rule does not run here' },
        { EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: image },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const lines = (run: Run) => matchesOf(run).flatMap((m) => (m['events'] as { line: number }[]).map((e) => e.line));
    expect(lines(hunt(['--rules', rule, '--events', events]))).toEqual([1, 2, 3]);
    expect(lines(hunt(['--mapping', 'ocsf', '--rules', rule, '--events', events]))).toEqual([3]);
    expect(lines(hunt(['--mapping', 'flat', '--rules', rule, '--events', events]))).toEqual([2, 4, 5]);
  });

  it('filters by --min-level and writes to --output', () => {
    const out = join(dir, 'out.jsonl');
    const run = hunt(['--rules', join(SIGMAHQ, first.rule_path), '--events', join(SIGMAHQ, first.json), '--min-level', 'high', '--output', out]);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([]);
    const written = readFileSync(out, 'utf8').trim().split('\n');
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] as string)).toMatchObject({ summary: { matches: 0, events: 1, by_level: {} } });
  });

  it('writes every match of a large result through a pipe, then the summary (flat mapping, JSON array input)', () => {
    const rule = join(dir, 'flat.yml');
    writeFileSync(rule, 'title: Flat\nid: 0c000000-0000-4000-8000-000000000001\nlevel: medium\nlogsource: { product: anything }\ndetection:\n  sel: { kind: hit }\n  condition: sel\n');
    const events = join(dir, 'many.json');
    const n = 20_000;
    writeFileSync(events, '[\n' + Array.from({ length: n }, (_, i) => JSON.stringify({ kind: i % 2 === 0 ? 'hit' : 'miss', i })).join(',\n') + '\n]\n');
    const run = hunt(['--mapping', 'flat', '--rules', rule, '--events', events]);
    expect(run.code).toBe(0);
    const matches = matchesOf(run);
    expect(matches).toHaveLength(n / 2);
    expect(matches[matches.length - 1]?.['events']).toEqual([{ file: events, line: n }]);
    expect(summaryOf(run)).toMatchObject({ events: n, matches: n / 2, by_level: { medium: n / 2 } });
  });
});

describe('soc hunt exit codes', () => {
  it('exits 0 when the reader closes the pipe early (soc hunt ... | head -1)', async () => {
    const events = join(dir, 'head.json');
    writeFileSync(events, Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ kind: 'hit', i })).join('\n'));
    const rule = join(dir, 'head.yml');
    writeFileSync(rule, 'title: Head\nlogsource: { product: anything }\ndetection:\n  sel: { kind: hit }\n  condition: sel\n');
    const child = spawn(process.execPath, [BIN, 'hunt', '--mapping', 'flat', '--rules', rule, '--events', events], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('exits 2 with a clear message when an events path does not exist', () => {
    const missing = join(dir, 'no-such-dir');
    const run = hunt(['--rules', join(SIGMAHQ, first.rule_path), '--events', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`soc hunt: cannot read ${missing}: no such file or directory (ENOENT)`);
    expect(run.lines).toEqual([]);
  });

  it('exits 2 when a rules path does not exist, and on bad usage', () => {
    expect(hunt(['--rules', join(dir, 'nope.yml'), '--events', join(SIGMAHQ, first.json)]).code).toBe(2);
    const usage = hunt(['--rules', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--events is required');
  });

  it('reports a bad rule and malformed records, counts them, exits 0, and 1 under --strict', () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'title: Broken\nid: 0b000000-0000-4000-8000-000000000001\nlogsource: { product: windows }\ndetection:\n  sel: { Image|nosuchmodifier: x }\n  condition: sel\n');
    const events = join(dir, 'some-bad.ndjson');
    writeFileSync(events, '{"Image":"x"}\n{"Image":\nnot json\n');
    const textLog = join(dir, 'auditd.log');
    writeFileSync(textLog, 'type=SYSCALL msg=audit(1604996384.965:93777): arch=c000003e\n');
    const args = ['--rules', bad, join(SIGMAHQ, first.rule_path), '--events', events, textLog];
    const run = hunt(args);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`rule error: ${bad} 0b000000-0000-4000-8000-000000000001`);
    expect(run.stderr).toContain(`${events}:2: unterminated JSON value at end of input`);
    expect(run.stderr).toContain(`${events}:3: not JSON: "not json"`);
    expect(run.stderr).toContain(`${textLog}: skipped, not JSON (first line: "type=SYSCALL`);
    expect(summaryOf(run)).toMatchObject({ rules_loaded: 1, rules_failed: 1, files: 2, files_skipped: 1, events: 1, malformed: 2 });
    expect(hunt([...args, '--strict']).code).toBe(1);
  });
});
