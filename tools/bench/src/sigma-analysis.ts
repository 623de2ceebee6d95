import { RuleSet, windowsFieldMapping, type CompiledRule, type CompiledVariant, type SigmaEvent, type SigmaRule } from '@soc/sigma';
import { ruleLabel } from './sigma-core';

/**
 * `bench:sigma --analyze`: where the index's work goes. Each variant's test is wrapped (on
 * copies of the compiled rules, the engine is untouched) to count and time the checks the
 * RuleSet makes per event, so the report names the rules that are checked often and rarely
 * match, and why the unindexed ones have no literal to be filed under.
 */

/**
 * What a variant offers the index: the fields and kinds of its first literal choice, or none.
 * The RuleSet decides the filing itself (it may prefer another choice or its logsource cell).
 */
export function filingOf(v: CompiledVariant): string {
  if (!v.atoms) return v.clauses.length > 0 ? `no literal (logsource ${v.clauses.map((c) => c.field).join('+')})` : 'no literal, no logsource';
  const fields = [...new Set(v.atoms.map((a) => a.field))].join('|');
  const kinds = [...new Set(v.atoms.flatMap((a) => a.literals.map((l) => l.kind)))].join('|');
  return `literal ${fields} ${kinds}`;
}

/** Why a rule's detection offers no literal: the kinds of items it uses (keywords, re, exists...). */
export function itemKinds(rule: SigmaRule): string[] {
  const kinds = new Set<string>();
  for (const id of Object.values(rule.detection.identifiers)) {
    for (const group of id.groups) {
      for (const it of group) {
        const m = it.modifiers;
        if (it.field === null) kinds.add('keyword');
        else if (it.values.length === 1 && it.values[0] === null) kinds.add('null');
        else if (m.includes('re')) kinds.add('re');
        else if (m.includes('exists')) kinds.add('exists');
        else if (m.includes('cidr')) kinds.add('cidr');
        else if (m.includes('fieldref')) kinds.add('fieldref');
        else if (m.some((x) => x === 'lt' || x === 'lte' || x === 'gt' || x === 'gte')) kinds.add('compare');
        else if (m.includes('contains') && it.values.some((v) => typeof v === 'string' && v.length < 4)) kinds.add('short-contains');
        else if (it.values.some((v) => typeof v === 'string' && /.[*?]./.test(v))) kinds.add('inner-wildcard');
        else kinds.add('literal');
      }
    }
  }
  return [...kinds].sort();
}

interface VariantWork {
  rule: CompiledRule;
  variant: CompiledVariant;
  checks: number;
  matches: number;
  ms: number;
}

/** Copies of the rules whose variant tests count and time themselves. */
function instrument(compiled: readonly CompiledRule[]): { rules: CompiledRule[]; work: VariantWork[] } {
  const work: VariantWork[] = [];
  const rules = compiled.map((rule) => {
    const variants = rule.variants.map((variant) => {
      const w: VariantWork = { rule, variant, checks: 0, matches: 0, ms: 0 };
      work.push(w);
      // The RuleSet calls `test` or `detection` (clauses known to hold); `matches` is the plain API.
      const counted =
        (f: (e: SigmaEvent) => boolean) =>
        (e: SigmaEvent): boolean => {
          const t = performance.now();
          const hit = f(e);
          w.ms += performance.now() - t;
          w.checks++;
          if (hit) w.matches++;
          return hit;
        };
      return { ...variant, matches: counted(variant.matches), test: counted(variant.test), detection: counted(variant.detection) };
    });
    return { ...rule, variants };
  });
  return { rules, work };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function byFiling(work: readonly VariantWork[], events: number) {
  const groups = new Map<string, { variants: number; checks: number; ms: number }>();
  for (const w of work) {
    const f = filingOf(w.variant);
    const key = f;
    const g = groups.get(key) ?? { variants: 0, checks: 0, ms: 0 };
    g.variants++;
    g.checks += w.checks;
    g.ms += w.ms;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([filing, g]) => ({ filing, variants: g.variants, checksPerEvent: r2(g.checks / events), ms: Math.round(g.ms) }))
    .sort((a, b) => b.checksPerEvent - a.checksPerEvent)
    .slice(0, 20);
}

/** The fields rules' logsources and literals name, and how many of them an event holds on average. */
function fieldReads(compiled: readonly CompiledRule[], events: readonly SigmaEvent[]) {
  const accessors = new Map<string, (e: SigmaEvent) => unknown>();
  for (const r of compiled) {
    for (const v of r.variants) {
      for (const c of v.clauses) accessors.set(c.field, c.accessor);
      for (const a of v.atoms ?? []) accessors.set(a.field, a.accessor);
    }
  }
  let present = 0;
  for (const e of events) for (const acc of accessors.values()) if (acc(e) !== undefined) present++;
  return { indexedFields: accessors.size, presentPerEvent: r2(present / events.length) };
}

/** Evaluation time per event class (Channel + EventID), costliest classes first. */
function costByEventClass(compiled: readonly CompiledRule[], events: readonly SigmaEvent[]) {
  const set = new RuleSet(compiled);
  const channel = windowsFieldMapping.accessor('Channel');
  const eventId = windowsFieldMapping.accessor('EventID');
  const classes = new Map<string, { events: number; ms: number }>();
  for (let pass = 0; pass < 2; pass++) {
    for (const e of events) {
      const t = performance.now();
      set.evaluate(e);
      const ms = performance.now() - t;
      if (pass === 0) continue; // first pass warms the JIT
      const key = `${String(channel(e))}:${String(eventId(e))}`;
      const c = classes.get(key) ?? { events: 0, ms: 0 };
      c.events++;
      c.ms += ms;
      classes.set(key, c);
    }
  }
  return [...classes.entries()]
    .map(([cls, c]) => ({ class: cls, events: c.events, msTotal: r2(c.ms), usPerEvent: r2((c.ms * 1000) / c.events) }))
    .sort((a, b) => b.msTotal - a.msTotal)
    .slice(0, 12);
}

function describe(w: VariantWork, events: number) {
  return {
    rule: ruleLabel(w.rule),
    title: w.rule.rule.title,
    variant: w.variant.variant.name,
    filing: filingOf(w.variant),
    checksPerEvent: r2(w.checks / events),
    matches: w.matches,
    ms: r2(w.ms),
  };
}

/** Index work over the base events: variants checked per event, by filing and by the busiest variants. */
export function analyzeWork(compiled: readonly CompiledRule[], events: readonly SigmaEvent[]) {
  const { rules, work } = instrument(compiled);
  const set = new RuleSet(rules);
  const t0 = performance.now();
  for (const e of events) set.evaluate(e);
  const wallMs = performance.now() - t0;
  const checks = work.reduce((s, w) => s + w.checks, 0);
  const checkMs = work.reduce((s, w) => s + w.ms, 0);
  const unindexed = work.filter((w) => !w.variant.atoms);
  return {
    note: 'checks timed with performance.now() around each variant test (adds ~0.1 us per check); shares, not absolute cost',
    variants: work.length,
    variantsCheckedPerEvent: r2(checks / events.length),
    checkShareOfEvaluate: r2(checkMs / wallMs),
    fields: fieldReads(compiled, events),
    byEventClass: costByEventClass(compiled, events),
    byFiling: byFiling(work, events.length),
    busiest: [...work].sort((a, b) => b.ms - a.ms).slice(0, 25).map((w) => describe(w, events.length)),
    noLiteral: unindexed.map((w) => ({ ...describe(w, events.length), logsource: w.rule.rule.logsource, items: itemKinds(w.rule.rule) })),
  };
}
