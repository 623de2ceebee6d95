/**
 * How a correlation reads group-by and aggregated fields from a match: which field name to read
 * for which referenced rule (aliases), and how a read value becomes a group key or a number.
 */
import type { FieldAccessor, SigmaEvent } from '../types';
import type { CorrelationRule } from './types';

/** Separates the parts of a composite key; cannot appear in ordinary field values. */
export const KEY_SEPARATOR = '\u001f';

/** Accessors for the matches of one referenced rule. */
export interface RuleReaders {
  group: readonly FieldAccessor[];
  value: readonly FieldAccessor[];
}

/** The text a field value contributes to a key; undefined when the field is absent, null or empty. */
export function keyPart(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => keyPart(x) ?? '').join(',');
  return JSON.stringify(v);
}

/** A finite number from a number or numeric string (hex too); undefined otherwise. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (Array.isArray(v) && v.length === 1) return toNumber(v[0]);
  return undefined;
}

/**
 * The field to read for `name` (a group-by entry or the condition field) in matches of rule
 * `ref`: the alias's field for that rule when `name` is an alias covering it, else `name`
 * itself (an alias that does not list a rule leaves that rule's field name as written).
 */
export function resolveField(rule: CorrelationRule, name: string, ref: string): string {
  return rule.aliases[name]?.[ref] ?? name;
}

/**
 * Builds the readers of every referenced rule. Matches of a chained correlation carry its
 * alert's group record as their event, so those are read as plain properties.
 */
export function buildReaders(
  rule: CorrelationRule,
  accessorFor: (field: string) => FieldAccessor,
  isCorrelation: (ref: string) => boolean,
): RuleReaders[] {
  const fields = rule.condition.field ?? [];
  return rule.rules.map((ref) => {
    const read = isCorrelation(ref) ? propertyAccessor : accessorFor;
    return {
      group: rule.groupBy.map((f) => read(resolveField(rule, f, ref))),
      value: fields.map((f) => read(resolveField(rule, f, ref))),
    };
  });
}

function propertyAccessor(field: string): FieldAccessor {
  return (event: SigmaEvent) => event[field];
}
