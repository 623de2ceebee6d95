import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_SPECS } from './fixture-specs';
import { fixtureFileOf, generateFixtures, renderFixture, type RuleFixture } from './fixtures';
import { NATIVE_RULES_DIR } from './rules-dir';

function ruleFiles(): string[] {
  return readdirSync(NATIVE_RULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(NATIVE_RULES_DIR, d.name)).filter((f) => f.endsWith('.yml')).map((f) => `${d.name}/${f}`))
    .sort();
}

describe('detection fixtures', () => {
  let fresh: Map<string, RuleFixture>;
  beforeAll(() => {
    fresh = generateFixtures();
  }, 120_000);

  it('has a fixture spec for every rule file and a rule file for every spec', () => {
    expect(FIXTURE_SPECS.map((s) => s.file).sort()).toEqual(ruleFiles());
  });

  it.each(FIXTURE_SPECS.map((s) => s.file))('%s: committed fixture equals a fresh generation (run scripts/write-fixtures.ts)', (file) => {
    const committed = readFileSync(join(NATIVE_RULES_DIR, fixtureFileOf(file)), 'utf8');
    expect(committed).toBe(renderFixture(fresh.get(file) as RuleFixture));
  });

  it.each(FIXTURE_SPECS.map((s) => s.file))('%s: has positives and near-miss negatives', (file) => {
    const f = fresh.get(file) as RuleFixture;
    expect(f.positive.length).toBeGreaterThan(0);
    expect(f.negative.length).toBeGreaterThan(0);
    // Near-misses: every negative shares an OCSF class with some positive.
    const classes = new Set(f.positive.map((e) => e.class_uid));
    expect(f.negative.filter((e) => !classes.has(e.class_uid))).toEqual([]);
  });
});
