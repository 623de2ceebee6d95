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
import { lowerText } from './text';

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
  readonly keys: ReadonlySet<string>;
}

/** One variant of a compiled rule. */
export interface CompiledVariant {
  readonly variant: LogsourceVariant;
  readonly clauses: readonly CompiledClause[];
  /** Clauses and detection (with filters). */
  readonly matches: EventTest;
  /** Literal field tests at least one of which holds whenever the detection matches. */
  readonly atoms?: readonly IndexAtom[];
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

const accessorCache = new WeakMap<FieldMapping, Map<string, FieldAccessor>>();

/** The mapping's accessor for an event field, shared by every rule (the index reads it once per event). */
export function sharedAccessor(mapping: FieldMapping, field: string): FieldAccessor {
  let byName = accessorCache.get(mapping);
  if (!byName) {
    byName = new Map();
    accessorCache.set(mapping, byName);
  }
  let acc = byName.get(field);
  if (!acc) {
    acc = mapping.accessor(field);
    byName.set(field, acc);
  }
  return acc;
}

/** The text key of a clause value (strings case-insensitive, numbers canonical), as the index uses. */
export function clauseKey(v: string | number): string {
  return typeof v === 'string' ? v.toLowerCase() : String(v);
}

function compileClause(mapping: FieldMapping, c: LogsourceClause): CompiledClause {
  return { field: c.field, accessor: sharedAccessor(mapping, c.field), keys: new Set(c.values.map(clauseKey)) };
}

function clauseHolds(c: CompiledClause, e: SigmaEvent): boolean {
  const v = c.accessor(e);
  if (Array.isArray(v)) return v.some((x) => c.keys.has(lowerText(x) ?? '\u0000'));
  const k = lowerText(v);
  return k !== undefined && c.keys.has(k);
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
    return { name, accessor: sharedAccessor(options.mapping, name) };
  };
  const opts = { placeholders: options.placeholders ?? {} };
  const parts: CompiledDetection[] = [compileDetection(rule.detection, resolve, opts)];
  for (const f of filters) parts.push(compileDetection(f.detection, resolve, opts));
  const det = andDetections(parts);
  const clauses = variant.conditions.map((c) => compileClause(options.mapping, c));
  const test = det.test;
  const matches: EventTest =
    clauses.length === 0
      ? test
      : (e) => {
          for (let i = 0; i < clauses.length; i++) if (!clauseHolds(clauses[i] as CompiledClause, e)) return false;
          return test(e);
        };
  return det.atoms ? { variant, clauses, matches, atoms: det.atoms } : { variant, clauses, matches };
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
  const only = compiled[0];
  const matches =
    compiled.length === 1 && only
      ? (e: SigmaEvent) => only.matches(e)
      : (e: SigmaEvent) => compiled.some((v) => v.matches(e));
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
