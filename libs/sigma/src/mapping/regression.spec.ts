import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileRule } from '../rule/compile';
import { parseSigmaYaml } from '../rule/parse';
import type { SigmaEvent } from '../types';
import { windowsFieldMapping } from './windows-mapping';
import { CORPORA, parseConcatenatedJson } from './testing/corpora';

/**
 * SigmaHQ's regression data: for each rule, the events (evtx_dump JSON, as recorded) it must
 * match. The rule is compiled with the Windows mapping and run on the raw events, so the
 * logsource conditions (EventID/Channel) and the accessor are exercised as in production.
 */
const SIGMAHQ = path.join(CORPORA, 'sigma/sigmahq');

interface ManifestLine {
  rule_id: string;
  rule_path: string;
  /** Events the rule must match; null in some lines (at least one). */
  match_count: number | null;
  json: string;
}

const manifest = readFileSync(path.join(CORPORA, 'sigma/regression_manifest.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as ManifestLine);

function matchesOf(line: ManifestLine): { matched: number; events: number; applicable: boolean } {
  const docs = parseSigmaYaml(readFileSync(path.join(SIGMAHQ, line.rule_path), 'utf8'), line.rule_path);
  const rule = docs.rules.find((r) => r.id === line.rule_id) ?? docs.rules[0];
  if (!rule) throw new Error(`${line.rule_path}: no rule parsed (${docs.errors.map((e) => e.message).join('; ')})`);
  const compiled = compileRule(rule, { mapping: windowsFieldMapping });
  const events = parseConcatenatedJson(readFileSync(path.join(SIGMAHQ, line.json), 'utf8')) as SigmaEvent[];
  return { matched: events.filter((e) => compiled.matches(e)).length, events: events.length, applicable: compiled.applicable };
}

describe('SigmaHQ regression data with the Windows mapping (raw evtx_dump events)', () => {
  const results = new Map<string, boolean>();

  afterAll(() => {
    const passed = [...results.values()].filter(Boolean).length;
    process.stdout.write(`sigma regression (windows mapping): ${passed}/${manifest.length} rules match their events\n`);
  });

  it('has the 163 manifest lines', () => {
    expect(manifest).toHaveLength(163);
  });

  it.each(manifest.map((m) => [m.rule_path, m] as const))('%s', (_path, line) => {
    const r = matchesOf(line);
    const want = line.match_count ?? 1;
    results.set(line.rule_id + line.json, r.applicable && r.matched >= want);
    expect(r.applicable).toBe(true);
    expect(r.matched).toBeGreaterThanOrEqual(want);
  });
});
