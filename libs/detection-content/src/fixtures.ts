import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OcsfEvent } from '@soc/ocsf';
import { FIXTURE_SPECS } from './fixture-specs';
import { NATIVE_RULES_DIR } from './rules-dir';
import { mappedScenario, type LabelledEvent } from './scenario-events';

/** Test events of one rule file: chain events it must detect, benign near-misses it must not. */
export interface RuleFixture {
  positive: OcsfEvent[];
  negative: OcsfEvent[];
}

/** Fixture file of a rule file: `identity/password_spray.yml` -> `identity/password_spray.tests.json`. */
export function fixtureFileOf(ruleFile: string): string {
  return ruleFile.replace(/\.ya?ml$/, '.tests.json');
}

/**
 * Builds every rule file's fixtures from one mapped scenario (the fixture scenario unless
 * given). Keyed by rule file, in FIXTURE_SPECS order. Positives and negatives are in time
 * order, so a correlation can be fed them as a stream.
 */
export function generateFixtures(events: readonly LabelledEvent[] = mappedScenario()): Map<string, RuleFixture> {
  const out = new Map<string, RuleFixture>();
  for (const spec of FIXTURE_SPECS) {
    out.set(spec.file, { positive: spec.positive(events).map((e) => e.event), negative: spec.negative(events).map((e) => e.event) });
  }
  return out;
}

/** The committed text of a fixture: valid JSON with one event per line, so diffs stay readable. */
export function renderFixture(f: RuleFixture): string {
  const list = (events: OcsfEvent[]): string => (events.length === 0 ? '[]' : `[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]`);
  return `{\n"positive": ${list(f.positive)},\n"negative": ${list(f.negative)}\n}\n`;
}

/** Writes all fixtures next to their rule files; returns the files written. */
export function writeFixtures(rulesDir: string = NATIVE_RULES_DIR): string[] {
  const written: string[] = [];
  for (const [file, fixture] of generateFixtures()) {
    const path = join(rulesDir, fixtureFileOf(file));
    writeFileSync(path, renderFixture(fixture));
    written.push(path);
  }
  return written;
}

/** Reads a committed fixture. */
export function readFixture(ruleFile: string, rulesDir: string = NATIVE_RULES_DIR): RuleFixture {
  return JSON.parse(readFileSync(join(rulesDir, fixtureFileOf(ruleFile)), 'utf8')) as RuleFixture;
}
