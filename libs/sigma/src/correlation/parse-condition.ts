/**
 * The `condition` map of a correlation rule: one or more bounds (ANDed) and, for value_* types,
 * `field`. Validation failures are returned as a reason/message pair; the caller adds the place.
 */
import { needsAtLeast } from './condition';
import type { CorrelationCondition, CorrelationType } from './types';

/** Why a condition is invalid: stable reason key, path below `correlation.condition`, message. */
export interface ConditionProblem {
  reason: string;
  path: string;
  message: string;
}

const BOUNDS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
const FIELD_TYPES: ReadonlySet<CorrelationType> = new Set(['value_count', 'value_sum', 'value_avg', 'value_percentile']);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parseField(raw: unknown, type: CorrelationType): readonly string[] | ConditionProblem {
  const list = typeof raw === 'string' ? [raw] : raw;
  const ok = Array.isArray(list) && list.length > 0 && list.every((f) => typeof f === 'string' && f.length > 0);
  if (!ok) return { reason: 'bad-field', path: 'field', message: 'field must be a field name or a list of field names' };
  if (list.length > 1 && type !== 'value_count') {
    return { reason: 'bad-field', path: 'field', message: `${type} aggregates one numeric field, not a list` };
  }
  return list as string[];
}

/** Bounds shared by every type; returns the problem or writes the bounds into `out`. */
function parseBounds(raw: Record<string, unknown>, out: CorrelationCondition): ConditionProblem | undefined {
  for (const key of Object.keys(raw)) {
    if (key === 'field' || key === 'percentile') continue;
    if (!(BOUNDS as readonly string[]).includes(key)) {
      return { reason: 'unknown-operator', path: key, message: `unknown condition operator '${key}' (gt, gte, lt, lte, eq, neq)` };
    }
    const n = raw[key];
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      return { reason: 'bad-threshold', path: key, message: `${key} must be a number` };
    }
    out[key as (typeof BOUNDS)[number]] = n;
  }
  return undefined;
}

/**
 * Parses and checks a condition for a correlation type with `ruleCount` referenced rules.
 * Temporal types default to "all referenced rules" (gte ruleCount), as the spec's temporal
 * section says all events must occur; temporal_ordered accepts only conditions that need all
 * rules, since an ordered chain of part of the rules has no defined meaning in the spec.
 */
export function parseCondition(raw: unknown, type: CorrelationType, ruleCount: number): CorrelationCondition | ConditionProblem {
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  if (raw === undefined || raw === null) {
    if (temporal) return { gte: ruleCount };
    return { reason: 'missing-condition', path: '', message: `${type} requires a condition` };
  }
  if (!isRecord(raw)) return { reason: 'bad-condition', path: '', message: 'condition must be a map' };
  const out: CorrelationCondition = {};
  const problem = parseBounds(raw, out);
  if (problem) return problem;
  if (!BOUNDS.some((b) => out[b] !== undefined)) {
    return { reason: 'missing-operator', path: '', message: 'condition needs at least one of gt, gte, lt, lte, eq, neq' };
  }
  if (FIELD_TYPES.has(type)) {
    if (raw['field'] === undefined) return { reason: 'missing-field', path: 'field', message: `${type} requires condition.field` };
    const field = parseField(raw['field'], type);
    if (!Array.isArray(field)) return field as ConditionProblem;
    out.field = field;
  } else if (raw['field'] !== undefined) {
    return { reason: 'unexpected-field', path: 'field', message: `${type} does not aggregate a field` };
  }
  if (raw['percentile'] !== undefined) {
    const p = raw['percentile'];
    if (type !== 'value_percentile' || typeof p !== 'number' || p < 0 || p > 100) {
      return { reason: 'bad-percentile', path: 'percentile', message: 'percentile is a number 0-100, only for value_percentile' };
    }
    out.percentile = p;
  }
  if (type === 'temporal_ordered' && !needsAtLeast(out, ruleCount)) {
    return {
      reason: 'unsupported-condition',
      path: '',
      message: `temporal_ordered supports only conditions met by all ${ruleCount} rules in order (e.g. gte: ${ruleCount})`,
    };
  }
  return out;
}
