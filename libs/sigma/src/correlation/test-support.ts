/**
 * Helpers for this folder's specs: parse correlation YAML, build an engine whose field
 * accessor reads plain or dotted properties, and make matches. Not exported by the library.
 */
import { parseAllDocuments } from 'yaml';
import type { FieldAccessor, RuleMatch, SigmaEvent } from '../types';
import { CorrelationEngine } from './correlation-engine';
import { parseCorrelation } from './parse-correlation';
import type { CorrelationAlert, CorrelationLimits, CorrelationRule } from './types';

/** Every YAML document of a text, as plain objects. */
export function yamlDocs(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
}

/** The correlation documents of a (multi-document) YAML text, parsed. */
export function correlationsOf(text: string, file?: string): CorrelationRule[] {
  return yamlDocs(text)
    .map((doc, index) => ({ doc, index }))
    .filter(({ doc }) => doc !== null && typeof doc === 'object' && 'correlation' in doc)
    .map(({ doc, index }) => parseCorrelation(doc, { file, index }));
}

/** Reads `a.b.c` as a flat key first, then as a nested path. */
export function testAccessor(field: string): FieldAccessor {
  const parts = field.split('.');
  return (event: SigmaEvent) => {
    if (field in event) return event[field];
    let cur: unknown = event;
    for (const p of parts) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[p];
    }
    return cur;
  };
}

/** An engine over `rules` that knows every reference in `known` (default: any reference). */
export function engineFor(rules: CorrelationRule[], limits?: Partial<CorrelationLimits>, known?: ReadonlySet<string>): CorrelationEngine {
  return new CorrelationEngine(rules, {
    resolver: { knownRule: (ref) => known === undefined || known.has(ref) },
    accessorFor: testAccessor,
    limits,
  });
}

/** A match of rule `ruleId` at `time` ms on `event`. */
export function match(ruleId: string, time: number, event: SigmaEvent = {}, ruleName?: string): RuleMatch {
  return ruleName === undefined ? { ruleId, time, event } : { ruleId, time, event, ruleName };
}

/** Feeds matches in order and returns every alert. */
export function run(engine: CorrelationEngine, matches: readonly RuleMatch[]): CorrelationAlert[] {
  return matches.flatMap((m) => engine.observe(m));
}

/** Alerts reduced to comparable plain data (no rule object). */
export function summary(alerts: readonly CorrelationAlert[]) {
  return alerts.map((a) => ({
    rule: a.rule.ref,
    group: a.group,
    first: a.firstTime,
    last: a.lastTime,
    aggregate: a.aggregate,
    count: a.eventCount,
    value: a.fieldValue,
    evidence: a.evidence.map((e) => `${e.ruleId}@${e.time}`),
  }));
}

export const SEC = 1_000;
export const MIN = 60_000;
export const HOUR = 3_600_000;
