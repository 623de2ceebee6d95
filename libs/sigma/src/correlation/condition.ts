/**
 * Compiles a correlation condition to a predicate and tells how it can be evaluated in a stream.
 */
import type { CorrelationCondition, CorrelationType } from './types';

/** Predicate over the aggregate of a window. */
export type ConditionTest = (x: number) => boolean;

/** A closure testing every bound of the condition (bounds are ANDed, as the spec's range example). */
export function compileCondition(c: CorrelationCondition): ConditionTest {
  const { gt, gte, lt, lte, eq, neq } = c;
  return (x) =>
    (gt === undefined || x > gt) &&
    (gte === undefined || x >= gte) &&
    (lt === undefined || x < lt) &&
    (lte === undefined || x <= lte) &&
    (eq === undefined || x === eq) &&
    (neq === undefined || x !== neq);
}

/**
 * Whether the condition can be decided as soon as it holds ("eager"): true when more matches can
 * only raise the aggregate and the condition has lower bounds only (gt/gte), so once it holds
 * for some events it holds for any window containing them. Counts, distinct counts, the number of
 * distinct rules and sums of non-negative values (bytes, counts) rise monotonically; averages and
 * percentiles do not. Anything else is decided when the window closes (see engine).
 */
export function isEager(type: CorrelationType, c: CorrelationCondition, ruleCount: number): boolean {
  if (type === 'value_avg' || type === 'value_percentile') return false;
  if (type === 'temporal' || type === 'temporal_ordered') return upwardClosed(compileCondition(c), ruleCount);
  return c.lt === undefined && c.lte === undefined && c.eq === undefined && c.neq === undefined;
}

/**
 * Temporal counts never exceed the number of referenced rules, so a condition is eager when the
 * counts 0..max satisfying it are exactly k..max for some k (e.g. `eq: max` or `lte: max` too).
 */
function upwardClosed(test: ConditionTest, max: number): boolean {
  let seen = false;
  for (let n = 0; n <= max; n++) {
    if (test(n)) seen = true;
    else if (seen) return false;
  }
  return true;
}

/** True when a count condition holds for n and for no count 0..n-1. */
export function needsAtLeast(c: CorrelationCondition, n: number): boolean {
  const test = compileCondition(c);
  for (let k = 0; k < n; k++) if (test(k)) return false;
  return test(n);
}
