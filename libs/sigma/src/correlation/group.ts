/**
 * The state of one group-by key of one correlation: its kept matches sorted by time and, for
 * eagerly decided conditions, the running aggregate of the sliding window ending at the newest
 * match. Entries before the window are kept (up to the allowed lateness) so a late match can
 * still be counted with them.
 */
import { createAggregator, type Aggregator } from './aggregators';
import { lowerBound, upperBound, type Entry } from './entry';
import type { CorrelationType } from './types';

/** One group's matches and window. */
export class Group {
  readonly entries: Entry[] = [];
  /** Index of the first entry within timespan of the newest entry (eager mode). */
  winLo = 0;
  readonly agg: Aggregator;
  /** Matches at or before this time belong to an alerted or evaluated window. */
  resetAt = -Infinity;
  /** Deadline of this group's current entry in the engine's heap (older heap entries are stale). */
  heapDeadline = NaN;

  constructor(
    readonly key: string,
    readonly values: readonly string[],
    type: CorrelationType,
    private readonly timespanMs: number,
  ) {
    this.agg = createAggregator(type);
  }

  /** Time of the newest entry, -Infinity when empty. */
  lastTime(): number {
    const n = this.entries.length;
    return n === 0 ? -Infinity : (this.entries[n - 1] as Entry).t;
  }

  /**
   * Inserts in time order and keeps the eager window's aggregate current; returns the index.
   * Appending is O(1) amortized; a late match costs a binary search and a splice.
   */
  insert(e: Entry, eager: boolean): number {
    const entries = this.entries;
    if (e.t >= this.lastTime()) {
      entries.push(e);
      if (eager) this.slide(e);
      return entries.length - 1;
    }
    const pos = upperBound(entries, e.t);
    entries.splice(pos, 0, e);
    if (eager) {
      if (pos < this.winLo) this.winLo++;
      else this.agg.add(e);
    }
    return pos;
  }

  /** Drops the oldest entry (over the per-group cap). */
  evictOldest(eager: boolean): void {
    const e0 = this.entries.shift();
    if (!eager || e0 === undefined) return;
    if (this.winLo > 0) this.winLo--;
    else this.agg.remove(e0);
  }

  /** Removes entries[0..hi] (an alerted or evaluated window) and everything at or before `resetAt`. */
  cut(hi: number, resetAt: number, eager: boolean): void {
    this.entries.splice(0, hi + 1);
    this.resetAt = Math.max(this.resetAt, resetAt);
    if (eager) this.rebuild();
  }

  /** Drops entries older than `cutoff` that lie before the window (eager mode retention). */
  compact(cutoff: number): void {
    if (this.winLo < 64 || this.winLo * 2 < this.entries.length) return;
    const k = Math.min(lowerBound(this.entries, cutoff), this.winLo);
    if (k === 0) return;
    this.entries.splice(0, k);
    this.winLo -= k;
  }

  /** Recomputes the eager window (after a cut or a restore). */
  rebuild(): void {
    this.agg.clear();
    this.winLo = lowerBound(this.entries, this.lastTime() - this.timespanMs);
    for (let i = this.winLo; i < this.entries.length; i++) this.agg.add(this.entries[i] as Entry);
  }

  /** Adds the appended entry and moves the window start to newest - timespan (inclusive). */
  private slide(e: Entry): void {
    this.agg.add(e);
    const from = e.t - this.timespanMs;
    const entries = this.entries;
    while ((entries[this.winLo] as Entry).t < from) {
      this.agg.remove(entries[this.winLo] as Entry);
      this.winLo++;
    }
  }
}
