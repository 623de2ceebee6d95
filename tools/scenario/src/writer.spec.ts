import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScenario, type LabelLine } from './writer';

const OPTS = { seed: 7, start: new Date('2026-03-03T14:00:00Z'), hours: 2, users: 20 };

function hashDir(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

describe('writeScenario', () => {
  const dirs: string[] = [];
  const tmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'scenario-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes byte-identical output for the same seed and options, different for another seed', () => {
    const a = tmp();
    const b = tmp();
    const c = tmp();
    writeScenario(OPTS, a);
    writeScenario(OPTS, b);
    writeScenario({ ...OPTS, seed: 8 }, c);
    expect(hashDir(a)).toBe(hashDir(b));
    expect(hashDir(a)).not.toBe(hashDir(c));
  });

  it('keeps labels separate and pointing at the malicious lines', () => {
    const dir = tmp();
    const summary = writeScenario(OPTS, dir);
    expect(readdirSync(dir).sort()).toEqual([...summary.files].sort());
    const labels = readFileSync(join(dir, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LabelLine);
    expect(labels.length).toBe(summary.labels);
    expect(new Set(labels.map((l) => l.chainId.split('-')[0]))).toEqual(new Set(['identity', 'endpoint', 'cloud', 'linux']));
    const files = new Map<string, string[]>();
    for (const l of labels) {
      if (!files.has(l.file)) files.set(l.file, readFileSync(join(dir, l.file), 'utf8').split('\n'));
      const lines = (files.get(l.file) as string[]).slice(l.line - 1, l.line - 1 + l.lines);
      expect(lines).toHaveLength(l.lines);
      for (const line of lines) {
        expect(line.length).toBeGreaterThan(0);
        expect(line).not.toMatch(/chainId|T1\d{3}/); // records never carry their labels
      }
    }
    const windows = files.get('windows.ndjson');
    if (windows) for (const l of labels.filter((x) => x.source === 'windows')) expect(() => JSON.parse(windows[l.line - 1] as string)).not.toThrow();
  });
});
