import type { FieldMapping, LogsourceVariant, SigmaEvent } from '../types';
import { compileRule, compileRules, type CompiledRule } from './compile';
import { flatFieldMapping } from './flat-mapping';
import type { SigmaRule } from './model';
import { parseSigmaYaml } from './parse';
import { RuleSet } from './rule-set';
import { windowsFieldMapping } from '../mapping/windows-mapping';
import { corpusAvailable, evtxEventSample, parseCorpusFile, rawRegressionEvents, regressionCases, regressionEvents, ruleFiles, syntheticEvents, upperCased } from './test-corpus';

function bruteForce(rules: readonly CompiledRule[], e: SigmaEvent): string[] {
  return rules.filter((r) => r.matches(e)).map((r) => r.rule.id ?? r.rule.title);
}

function ids(rs: readonly CompiledRule[]): string[] {
  return rs.map((r) => r.rule.id ?? r.rule.title);
}

/** Evaluates every event both ways; returns how many matches, and the events that differ. */
function compare(compiled: readonly CompiledRule[], set: RuleSet, events: readonly SigmaEvent[]): { matched: number; differing: { event: number; expected: string[]; got: string[] }[] } {
  let matched = 0;
  const differing: { event: number; expected: string[]; got: string[] }[] = [];
  events.forEach((e, i) => {
    const expected = bruteForce(compiled, e);
    const got = ids(set.evaluate(e));
    if (JSON.stringify(got) !== JSON.stringify(expected)) differing.push({ event: i, expected, got });
    matched += expected.length;
  });
  return { matched, differing };
}

type Json = Record<string, unknown>;

/** Copies of evtx_dump events in shapes the index must treat like rule-by-rule evaluation does. */
function evtxVariants(events: readonly SigmaEvent[]): SigmaEvent[] {
  const out: SigmaEvent[] = [];
  events.forEach((e, i) => {
    const copy = structuredClone(e) as { Event?: { System?: Json; EventData?: Json } };
    const sys = copy.Event?.System;
    const data = copy.Event?.EventData;
    if (!sys) return;
    if (i % 4 === 0 && data) for (const [k, v] of Object.entries(data)) if (typeof v === 'string') data[k] = v.toUpperCase();
    if (i % 4 === 1) sys['EventID'] = [7, sys['EventID']];
    if (i % 4 === 2) sys['Channel'] = String(sys['Channel']).toUpperCase();
    if (i % 4 === 3) sys['EventID'] = String(typeof sys['EventID'] === 'object' ? (sys['EventID'] as Json)['#text'] : sys['EventID']);
    out.push(copy as SigmaEvent);
  });
  return out;
}

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const run = corpusAvailable() ? describe : describe.skip;

run('RuleSet over SigmaHQ rules', () => {
  let compiled: CompiledRule[] = [];
  let rules: SigmaRule[] = [];
  beforeAll(() => {
    const files = ruleFiles(['rules', 'rules-emerging-threats', 'rules-threat-hunting']);
    rules = files.flatMap((f) => parseCorpusFile(f).rules);
    compiled = compileRules(rules, { mapping: flatFieldMapping }).compiled;
  });

  it('returns exactly what checking every rule returns for the Windows rules on real evtx_dump events', () => {
    const windows = rules.filter((r) => r.logsource.product?.toLowerCase() === 'windows');
    const pack = compileRules(windows, { mapping: windowsFieldMapping }).compiled;
    const set = new RuleSet(pack);
    // Every 16th of the 8,725 EVTX-to-MITRE-Attack events, SigmaHQ's own regression events, and
    // copies with uppercased text, an EventID array, an uppercased channel, a string EventID.
    const sample = evtxEventSample(16);
    const regression = rawRegressionEvents();
    const events = [...sample, ...regression, ...evtxVariants(sample.slice(0, 150)), ...evtxVariants(regression)];
    const { matched, differing } = compare(pack, set, events);
    const stats = set.stats();
    console.log(`RuleSet equivalence (windows mapping): ${pack.length} rules, ${events.length} events, ${matched} matches, ${stats.cells} logsource cells, ${differing.length} differences`);
    expect(pack.length).toBeGreaterThan(2500);
    expect(events.length).toBeGreaterThan(1000);
    expect(differing.slice(0, 3)).toEqual([]);
    // The regression events alone fire their 163 rules; the sample adds real-world matches.
    expect(matched).toBeGreaterThan(400);
    expect(stats.unindexed).toBeLessThan(pack.length / 100);
  });

  it('returns exactly what checking every rule returns with the flat mapping, over varied synthetic events', () => {
    const set = new RuleSet(compiled);
    const stats = set.stats();
    expect(stats.indexed).toBeGreaterThan(stats.variants * 0.9);
    const rand = rng(42);
    const events: SigmaEvent[] = [];
    for (const r of rules) if (rand() < 0.04) events.push(...syntheticEvents(r));
    const mixed = events.slice(0, 150).map((e, i) => ({ ...e, ...(events[(i * 7919) % events.length] ?? {}) }));
    const withCase = events.slice(0, 100).map(upperCased);
    const regression = regressionEvents();
    const all = [...events, ...mixed, ...withCase, ...regression];
    expect(all.length).toBeGreaterThan(700);
    let matched = 0;
    let diffs = 0;
    for (const e of all) {
      const expected = bruteForce(compiled, e);
      const got = ids(set.evaluate(e));
      if (JSON.stringify(got) !== JSON.stringify(expected)) diffs++;
      expect(got).toEqual(expected);
      matched += expected.length;
    }
    console.log(`RuleSet equivalence: ${compiled.length} rules (${stats.indexed} variants indexed, ${stats.unindexed} always checked, ${stats.fields} fields), ${all.length} events, ${matched} matches, ${diffs} differences`);
    // The synthetic events are built to fire their rules: most must.
    expect(matched).toBeGreaterThan(events.length / 3);
  });

  it('fires each SigmaHQ rule on at least as many of its regression events as the corpus says', () => {
    const byId = new Map(compiled.map((c) => [c.rule.id, c]));
    const cases = regressionCases();
    expect(cases.length).toBeGreaterThan(150);
    const wrong = cases
      .map((c) => ({ id: c.ruleId, want: c.matchCount, got: c.events.filter((e) => byId.get(c.ruleId)?.matches(e)).length }))
      .filter((r) => r.got < r.want);
    // The manifest's count is a floor: some files hold several events that the rule matches
    // (e.g. three AnyDesk user.conf writes for a count of 1), so only fewer is wrong.
    console.log(`regression events: ${cases.length - wrong.length} of ${cases.length} rules fire on their positive events`);
    expect(wrong).toEqual([]);
  });
});

describe('RuleSet with logsource clauses', () => {
  const variants: Record<string, LogsourceVariant[]> = {
    process_creation: [
      { name: 'sysmon-1', conditions: [{ field: 'EventID', values: [1] }, { field: 'Channel', values: ['Microsoft-Windows-Sysmon/Operational'] }], fieldRenames: {} },
      { name: 'security-4688', conditions: [{ field: 'EventID', values: [4688] }], fieldRenames: { Image: 'NewProcessName' } },
    ],
  };
  const mapping: FieldMapping = {
    name: 'test',
    variants: (ls) => (ls.category ? variants[ls.category] : undefined),
    accessor: (f) => flatFieldMapping.accessor(f),
  };
  const docs = parseSigmaYaml(`
title: a
logsource: {category: process_creation, product: windows}
detection:
  sel:
    Image|endswith: '\\\\cmd.exe'
  condition: sel
---
title: b
logsource: {category: process_creation, product: windows}
detection:
  sel:
    CommandLine|contains: whoami
  condition: sel
---
title: c
logsource: {category: dns}
detection:
  sel:
    QueryName: x
  condition: sel
`);

  it('matches through either variant, with that variant renames, and reports unknown logsources', () => {
    const compiled = docs.rules.map((r) => compileRule(r, { mapping }));
    expect(compiled.map((c) => c.applicable)).toEqual([true, true, false]);
    const set = new RuleSet(compiled);
    const titles = (e: SigmaEvent): string[] => set.evaluate(e).map((r) => r.rule.title);
    expect(titles({ EventID: 1, Channel: 'microsoft-windows-sysmon/operational', Image: 'C:\\x\\CMD.EXE', CommandLine: 'whoami /all' })).toEqual(['a', 'b']);
    expect(titles({ EventID: '4688', NewProcessName: 'C:\\x\\cmd.exe' })).toEqual(['a']);
    expect(titles({ EventID: 4688, Image: 'C:\\x\\cmd.exe' })).toEqual([]);
    expect(titles({ EventID: 1, Image: 'C:\\x\\cmd.exe' })).toEqual([]);
    expect(titles({ EventID: [5, 4688], CommandLine: 'WHOAMI' })).toEqual(['b']);
    expect(set.stats()).toMatchObject({ rules: 3, variants: 4, indexed: 4, unindexed: 0 });
  });
});
