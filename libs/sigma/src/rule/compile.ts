/**
 * Compiles a parsed rule against a field mapping: the logsource becomes variants (each with
 * its own clauses and field renames), every field resolves to an accessor once, and the rule
 * matches an event when one variant's clauses and its detection (with the filters that apply
 * to the rule, filters spec) hold.
 */
import type { SocError } from '@soc/errors';
import type { FieldAccessor, FieldMapping, LogsourceClause, LogsourceVariant, SigmaEvent } from '../types';
import { andDetections, compileDetection, type CompiledDetection, type EventTest } from './detection-compile';
import type { FieldResolver, IndexAtom } from './item-compile';
import type { SigmaFilterRule, SigmaRule } from './model';
import type { PlaceholderValues } from './placeholders';
import { documentLabel, problemToError, RuleProblem } from './problem';
import { beginEvaluation, FieldSlot } from './field-slot';

/** Options of `compileRule`. */
export interface CompileOptions {
  readonly mapping: FieldMapping;
  /** Values of `%name%` placeholders for the `expand` modifier. */
  readonly placeholders?: PlaceholderValues;
  /** Filters (meta rules); each is applied to the rules it names and whose logsource it covers. */
  readonly filters?: readonly SigmaFilterRule[];
}

/** A logsource clause compiled: the event field and the accepted lowercased texts. */
export interface CompiledClause {
  readonly field: string;
  readonly accessor: FieldAccessor;
  readonly slot: FieldSlot;
  readonly keys: ReadonlySet<string>;
}

/** One variant of a compiled rule. */
export interface CompiledVariant {
  readonly variant: LogsourceVariant;
  readonly clauses: readonly CompiledClause[];
  /** Clauses and detection (with filters). */
  readonly matches: EventTest;
  /**
   * The detection (with filters) alone, clauses not checked, for the RuleSet, which knows the
   * clauses hold. Reuses field values read for the current evaluation: call it only inside an
   * evaluation begun with `beginEvaluation`.
   */
  readonly detection: EventTest;
  /** Clauses and detection, like `matches`, inside an evaluation already begun. */
  readonly test: EventTest;
  /** Literal field tests at least one of which holds whenever the detection matches (the first of `choices`). */
  readonly atoms?: readonly IndexAtom[];
  /** Alternatives to `atoms`, each necessary too, cheapest first. */
  readonly choices?: readonly (readonly IndexAtom[])[];
}

/** A rule ready to evaluate. `applicable` is false when the mapping does not know its logsource. */
export interface CompiledRule {
  readonly rule: SigmaRule;
  readonly applicable: boolean;
  readonly variants: readonly CompiledVariant[];
  /** Filters that were applied to this rule. */
  readonly filters: readonly SigmaFilterRule[];
  matches(event: SigmaEvent): boolean;
}

const slotCache = new WeakMap<FieldMapping, Map<string, FieldSlot>>();

/** The mapping's field slot for an event field, shared by every rule and the index (read once per event). */
export function sharedSlot(mapping: FieldMapping, field: string): FieldSlot {
  let byName = slotCache.get(mapping);
  if (!byName) {
    byName = new Map();
    slotCache.set(mapping, byName);
  }
  let slot = byName.get(field);
  if (!slot) {
    slot = new FieldSlot(field, mapping.accessor(field));
    byName.set(field, slot);
  }
  return slot;
}

/** The text key of a clause value (strings case-insensitive, numbers canonical), as the index uses. */
export function clauseKey(v: string | number): string {
  return typeof v === 'string' ? v.toLowerCase() : String(v);
}

function compileClause(mapping: FieldMapping, c: LogsourceClause): CompiledClause {
  const slot = sharedSlot(mapping, c.field);
  return { field: c.field, accessor: slot.get, slot, keys: new Set(c.values.map(clauseKey)) };
}

/** Whether the event's value (or one element of it) is one of the clause's keys. */
export function clauseHolds(c: CompiledClause, e: SigmaEvent): boolean {
  const low = c.slot.lowered(e);
  if (typeof low === 'string') return c.keys.has(low);
  if (low === undefined) return false;
  for (let i = 0; i < low.length; i++) {
    const k = low[i];
    if (k !== undefined && c.keys.has(k)) return true;
  }
  return false;
}

/** Whether a filter applies to a rule: it names the rule (id or name) or `any`, and covers its logsource. */
export function filterApplies(filter: SigmaFilterRule, rule: SigmaRule): boolean {
  const named = filter.rules === 'any' || filter.rules.some((r) => r === rule.id || (rule.name !== undefined && r === rule.name));
  if (!named) return false;
  const keys = ['category', 'product', 'service'] as const;
  return keys.every((k) => filter.logsource[k] === undefined || filter.logsource[k] === rule.logsource[k]);
}

function compileVariant(rule: SigmaRule, variant: LogsourceVariant, filters: readonly SigmaFilterRule[], options: CompileOptions): CompiledVariant {
  const resolve: FieldResolver = (sigmaField) => {
    const name = variant.fieldRenames[sigmaField] ?? sigmaField;
    const slot = sharedSlot(options.mapping, name);
    return { name, accessor: slot.get, slot };
  };
  const opts = { placeholders: options.placeholders ?? {} };
  const parts: CompiledDetection[] = [compileDetection(rule.detection, resolve, opts)];
  for (const f of filters) parts.push(compileDetection(f.detection, resolve, opts));
  const det = andDetections(parts);
  const clauses = variant.conditions.map((c) => compileClause(options.mapping, c));
  const detection = det.test;
  const test: EventTest =
    clauses.length === 0
      ? detection
      : (e) => {
          for (let i = 0; i < clauses.length; i++) if (!clauseHolds(clauses[i] as CompiledClause, e)) return false;
          return detection(e);
        };
  const matches = (e: SigmaEvent): boolean => {
    beginEvaluation();
    return test(e);
  };
  const base = { variant, clauses, matches, detection, test };
  return det.atoms ? { ...base, atoms: det.atoms, choices: det.choices } : base;
}

/**
 * Compiles a rule. Throws a SocError (SOC_ERR_SIGMA_RULE_INVALID, naming rule, place and
 * reason) when a value cannot be compiled, e.g. a placeholder without values. A logsource the
 * mapping does not know gives a rule with `applicable: false` that never matches.
 */
export function compileRule(rule: SigmaRule, options: CompileOptions): CompiledRule {
  const filters = (options.filters ?? []).filter((f) => filterApplies(f, rule));
  const variants = options.mapping.variants(rule.logsource);
  if (variants === undefined) return { rule, applicable: false, variants: [], filters, matches: () => false };
  let compiled: CompiledVariant[];
  try {
    compiled = variants.map((v) => compileVariant(rule, v, filters, options));
  } catch (e) {
    if (e instanceof RuleProblem) throw problemToError(e, documentLabel(rule.raw, rule.index), rule.file);
    throw e;
  }
  const tests = compiled.map((v) => v.test);
  const matches = (e: SigmaEvent): boolean => {
    beginEvaluation();
    for (let i = 0; i < tests.length; i++) if ((tests[i] as EventTest)(e)) return true;
    return false;
  };
  return { rule, applicable: true, variants: compiled, filters, matches };
}

/** Compiles many rules, collecting errors and the rules the mapping does not cover instead of throwing. */
export function compileRules(rules: readonly SigmaRule[], options: CompileOptions): { compiled: CompiledRule[]; notApplicable: SigmaRule[]; errors: SocError[] } {
  const out = { compiled: [] as CompiledRule[], notApplicable: [] as SigmaRule[], errors: [] as SocError[] };
  for (const rule of rules) {
    try {
      const c = compileRule(rule, options);
      if (c.applicable) out.compiled.push(c);
      else out.notApplicable.push(rule);
    } catch (e) {
      out.errors.push(e as SocError);
    }
  }
  return out;
}
