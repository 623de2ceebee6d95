/**
 * Incremental aggregates over a sliding window of entries (add on the right, remove on the
 * left, O(1) each), and whole-window aggregates computed once when a window closes.
 */
import type { Entry } from './entry';
import type { CorrelationType } from './types';

/** A running aggregate of the entries currently in a window. */
export interface Aggregator {
  add(e: Entry): void;
  remove(e: Entry): void;
  value(): number;
  clear(): void;
}

class CountAggregator implements Aggregator {
  private n = 0;
  add(): void {
    this.n++;
  }
  remove(): void {
    this.n--;
  }
  value(): number {
    return this.n;
  }
  clear(): void {
    this.n = 0;
  }
}

/** Distinct values (value_count) or distinct referenced rules (temporal), by reference count. */
class DistinctAggregator implements Aggregator {
  private readonly counts = new Map<string | number, number>();
  constructor(private readonly byRule: boolean) {}
  add(e: Entry): void {
    const k = this.byRule ? e.r : (e.v as string);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  remove(e: Entry): void {
    const k = this.byRule ? e.r : (e.v as string);
    const n = (this.counts.get(k) ?? 1) - 1;
    if (n === 0) this.counts.delete(k);
    else this.counts.set(k, n);
  }
  value(): number {
    return this.counts.size;
  }
  clear(): void {
    this.counts.clear();
  }
}

class SumAggregator implements Aggregator {
  private sum = 0;
  private n = 0;
  constructor(private readonly average: boolean) {}
  add(e: Entry): void {
    this.sum += e.v as number;
    this.n++;
  }
  remove(e: Entry): void {
    this.sum -= e.v as number;
    this.n--;
    // Removing every entry resets the float drift that subtraction accumulates.
    if (this.n === 0) this.sum = 0;
  }
  value(): number {
    return this.average ? (this.n === 0 ? 0 : this.sum / this.n) : this.sum;
  }
  clear(): void {
    this.sum = 0;
    this.n = 0;
  }
}

/** The running aggregate a correlation type needs (temporal_ordered counts distinct rules too). */
export function createAggregator(type: CorrelationType): Aggregator {
  switch (type) {
    case 'event_count':
      return new CountAggregator();
    case 'value_count':
      return new DistinctAggregator(false);
    case 'temporal':
    case 'temporal_ordered':
      return new DistinctAggregator(true);
    case 'value_sum':
      return new SumAggregator(false);
    default:
      return new SumAggregator(true);
  }
}

/**
 * Whether entries[lo..hi] hold matches of rules 0..n-1 in that order. Scanning backwards and
 * taking the latest match of each rule in reverse order finds a chain whenever one exists.
 */
export function hasOrderedChain(entries: readonly Entry[], lo: number, hi: number, ruleCount: number): boolean {
  let need = ruleCount - 1;
  for (let i = hi; i >= lo && need >= 0; i--) {
    if ((entries[i] as Entry).r === need) need--;
  }
  return need < 0;
}

/** The p-th percentile (0-100) of sorted numbers, linearly interpolated between ranks. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const a = sorted[below] as number;
  const b = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return a + (b - a) * (rank - below);
}

/**
 * Aggregate of a closed window entries[lo..hi] (value_percentile share mode is handled apart;
 * temporal_ordered is always decided eagerly, by hasOrderedChain).
 */
export function windowAggregate(type: CorrelationType, entries: readonly Entry[], lo: number, hi: number, percentile?: number): number {
  if (type === 'value_percentile') {
    const values: number[] = [];
    for (let i = lo; i <= hi; i++) values.push((entries[i] as Entry).v as number);
    values.sort((x, y) => x - y);
    return percentileOf(values, percentile ?? 50);
  }
  const agg = createAggregator(type);
  for (let i = lo; i <= hi; i++) agg.add(entries[i] as Entry);
  return agg.value();
}
