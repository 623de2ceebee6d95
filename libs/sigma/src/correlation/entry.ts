/**
 * One kept match inside a correlation group, and sorted-array helpers over kept matches.
 */
import type { EntrySnapshot } from './types';

/**
 * A match kept in a group: time, index of the referenced rule, aggregated value, rule id, event
 * and (when the caller gave one) event id. The same shape a snapshot stores.
 */
export type Entry = EntrySnapshot;

/** Index of the first entry with time >= t (entries sorted by time). */
export function lowerBound(entries: readonly Entry[], t: number, from = 0): number {
  let lo = from;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as Entry).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry with time > t; inserting there keeps ties in arrival order. */
export function upperBound(entries: readonly Entry[], t: number, from = 0): number {
  let lo = from;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as Entry).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
