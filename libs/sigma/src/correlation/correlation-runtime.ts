/**
 * One correlation rule at run time: its groups, how a match joins a group, and when the
 * condition fires.
 *
 * Windows. The spec says events must occur "in the time frame defined by timespan" and that it
 * "should not be restricted to boundaries", so windows slide on event time: a set of matches
 * fits when newest - oldest <= timespan (both ends inclusive: matches exactly `timespan` apart
 * are in one window, one millisecond more and they are not).
 *
 * When it fires. The spec is silent about streaming; it describes queries whose result is one
 * hit per group and window. Two cases follow from that:
 * - Eager: conditions that more matches can only make true (gt/gte on counts, distinct counts,
 *   sums of non-negative values, temporal "all rules") fire on the match that makes them true.
 *   Then every match of the group up to that one is consumed (hayabusa, which runs Sigma
 *   correlations on logs, does the same), so a burst alerts once per `condition` matches
 *   instead of on every further match; a later alert needs a fresh set of matches.
 * - At close: conditions that more matches can make false (lt, lte, eq, neq, averages,
 *   percentiles) are only known when no further match can join the window. A window opens at
 *   a group's first unconsumed match and spans `timespan` from it; it is evaluated once when
 *   the event time has passed its end plus the allowed lateness, then consumed, and the next
 *   match opens the next window (as a backend's scheduled query over the window would).
 */
import { createAggregator, hasOrderedChain, windowAggregate } from './aggregators';
import { type ConditionTest, compileCondition, isEager } from './condition';
import { type Entry, lowerBound, upperBound } from './entry';
import { KEY_SEPARATOR, keyPart, toNumber, type RuleReaders } from './field-values';
import { Group } from './group';
import type { RuleMatch } from '../types';
import type { CorrelationAlert, CorrelationLimits, CorrelationRule, CorrelationStats, GroupSnapshot } from './types';

/** What a runtime needs from its engine. */
export interface RuntimeHost {
  readonly limits: CorrelationLimits;
  readonly stats: CorrelationStats;
  /** Newest event time seen. */
  watermark(): number;
  /** Asks to be called back (onDeadline) when the watermark passes `deadline`. */
  schedule(rt: CorrelationRuntime, g: Group, deadline: number): void;
}

/** How a match's value is kept: not at all, as a distinct-count key, or as a number. */
type ValueKind = 'none' | 'key' | 'number';

/** Run-time state and logic of one correlation rule. */
export class CorrelationRuntime {
  readonly groups = new Map<string, Group>();
  readonly eager: boolean;
  /** True when only correlations with generate: false reference this one (alerts feed on, not out). */
  suppressed = false;
  private readonly test: ConditionTest;
  private readonly valueKind: ValueKind;
  private readonly shareMode: boolean;

  constructor(
    readonly rule: CorrelationRule,
    private readonly readers: readonly RuleReaders[],
    private readonly host: RuntimeHost,
  ) {
    this.test = compileCondition(rule.condition);
    this.eager = isEager(rule.type, rule.condition, rule.rules.length);
    this.shareMode = rule.type === 'value_percentile' && rule.condition.percentile === undefined;
    const t = rule.type;
    this.valueKind = t === 'value_count' || this.shareMode ? 'key' : t.startsWith('value_') ? 'number' : 'none';
  }

  /** Feeds a match of referenced rule `r`; returns alerts fired by it (usually none). */
  observe(match: RuleMatch, r: number, out: CorrelationAlert[]): void {
    const readers = this.readers[r] as RuleReaders;
    const values: string[] = [];
    for (const read of readers.group) {
      const part = keyPart(read(match.event));
      if (part === undefined) {
        this.host.stats.missingField++;
        return;
      }
      values.push(part);
    }
    const v = this.readValue(readers, match);
    if (v === undefined) {
      this.host.stats.missingField++;
      return;
    }
    const g = this.groupFor(values);
    if (match.time <= g.resetAt) {
      this.host.stats.lateDropped++;
      return;
    }
    let pos = g.insert(match.eventId === undefined ? { t: match.time, r, v, id: match.ruleId, ev: match.event } : { t: match.time, r, v, id: match.ruleId, ev: match.event, eid: match.eventId }, this.eager);
    if (g.entries.length > this.host.limits.maxEventsPerGroup) {
      g.evictOldest(this.eager);
      this.host.stats.eventsEvicted++;
      if (pos === 0) return;
      pos--;
    }
    if (g.entries.length === 1 || (!this.eager && pos === 0)) this.host.schedule(this, g, this.deadline(g));
    if (!this.eager) return;
    const found = pos === g.entries.length - 1 ? this.checkNewest(g) : this.sweep(g, pos);
    if (found) this.fire(g, found[0], found[1], out);
    else if (pos === g.entries.length - 1) g.compact(this.host.watermark() - this.host.limits.allowedLatenessMs - this.rule.timespanMs);
  }

  /** When the host should call onDeadline for this group. */
  deadline(g: Group): number {
    const late = this.host.limits.allowedLatenessMs;
    if (this.eager) return Math.max(g.lastTime() + this.rule.timespanMs, g.resetAt) + late;
    const first = g.entries[0];
    return first === undefined ? g.resetAt + late : first.t + this.rule.timespanMs + late;
  }

  /**
   * The watermark passed the group's deadline: an eager group has expired (no future match can
   * share a window with its matches) and is dropped; a group decided at close evaluates and
   * consumes its oldest window. Returns whether the group still holds matches.
   */
  onDeadline(g: Group, out: CorrelationAlert[]): boolean {
    if (this.eager || g.entries.length === 0) {
      this.groups.delete(g.key);
      this.host.stats.groupsExpired++;
      return false;
    }
    const end = (g.entries[0] as Entry).t + this.rule.timespanMs;
    const hi = upperBound(g.entries, end) - 1;
    if (this.shareMode) this.fireShares(g, hi, out);
    else {
      const aggregate = windowAggregate(this.rule.type, g.entries, 0, hi, this.rule.condition.percentile);
      if (this.test(aggregate)) out.push(this.alert(g, 0, hi, aggregate));
    }
    g.cut(hi, end, false);
    if (g.entries.length > 0) return true;
    this.groups.delete(g.key);
    return false;
  }

  /** Groups as plain data, least recently updated first. */
  snapshotGroups(): GroupSnapshot[] {
    return [...this.groups.values()].map((g) => ({
      key: g.key,
      values: [...g.values],
      entries: g.entries.map((e) => ({ ...e })),
      resetAt: g.resetAt === -Infinity ? null : g.resetAt,
    }));
  }

  /** Recreates a group from a snapshot (the host schedules it). */
  restoreGroup(s: GroupSnapshot): Group {
    const g = new Group(s.key, s.values, this.rule.type, this.rule.timespanMs);
    for (const e of s.entries) g.entries.push(typeof e.eid === 'string' ? { t: e.t, r: e.r, v: e.v, id: e.id, ev: e.ev, eid: e.eid } : { t: e.t, r: e.r, v: e.v, id: e.id, ev: e.ev });
    g.resetAt = s.resetAt ?? -Infinity;
    if (this.eager) g.rebuild();
    this.groups.set(g.key, g);
    return g;
  }

  private readValue(readers: RuleReaders, match: RuleMatch): string | number | null | undefined {
    if (this.valueKind === 'none') return null;
    if (this.valueKind === 'number') return toNumber((readers.value[0] as (e: unknown) => unknown)(match.event));
    let key: string | undefined;
    for (const read of readers.value) {
      const part = keyPart(read(match.event));
      if (part === undefined) return undefined;
      key = key === undefined ? part : key + KEY_SEPARATOR + part;
    }
    return key;
  }

  /** The group for these key values, created (evicting the least recently updated) or refreshed. */
  private groupFor(values: string[]): Group {
    const key = values.length === 1 ? (values[0] as string) : values.join(KEY_SEPARATOR);
    let g = this.groups.get(key);
    if (g !== undefined) {
      // Map order is the LRU order: re-inserting moves the group to the newest end.
      this.groups.delete(key);
      this.groups.set(key, g);
      return g;
    }
    if (this.groups.size >= this.host.limits.maxGroupsPerRule) {
      const oldest = this.groups.keys().next().value as string;
      this.groups.delete(oldest);
      this.host.stats.groupsEvicted++;
    }
    g = new Group(key, values, this.rule.type, this.rule.timespanMs);
    this.groups.set(key, g);
    return g;
  }

  private satisfied(g: Group, lo: number, hi: number, aggregate: number): boolean {
    if (this.rule.type === 'temporal_ordered') return hasOrderedChain(g.entries, lo, hi, this.rule.rules.length);
    return this.test(aggregate);
  }

  /** In-order match: only the window ending at it is new, and it is the group's running window. */
  private checkNewest(g: Group): [number, number] | undefined {
    const hi = g.entries.length - 1;
    return this.satisfied(g, g.winLo, hi, g.agg.value()) ? [g.winLo, hi] : undefined;
  }

  /**
   * Late match at `pos`: tries every maximal window that contains it (one per start time in
   * [t - timespan, t]) with a fresh running aggregate, O(matches in 2 x timespan).
   */
  private sweep(g: Group, pos: number): [number, number] | undefined {
    const entries = g.entries;
    const span = this.rule.timespanMs;
    const fresh = createAggregator(this.rule.type);
    let j = lowerBound(entries, (entries[pos] as Entry).t - span);
    for (let i = j; i <= pos; i++) {
      const end = (entries[i] as Entry).t + span;
      while (j < entries.length && (entries[j] as Entry).t <= end) fresh.add(entries[j++] as Entry);
      if (this.satisfied(g, i, j - 1, fresh.value())) return [i, j - 1];
      fresh.remove(entries[i] as Entry);
    }
    return undefined;
  }

  private fire(g: Group, lo: number, hi: number, out: CorrelationAlert[]): void {
    const aggregate = this.rule.type === 'temporal_ordered' ? this.rule.rules.length : windowAggregate(this.rule.type, g.entries, lo, hi);
    out.push(this.alert(g, lo, hi, aggregate));
    g.cut(hi, (g.entries[hi] as Entry).t, true);
    // The cut can bring the group's deadline forward; scheduling it now makes expiry depend only
    // on the state (as after a restore), not on when the heap last saw the group.
    this.host.schedule(this, g, this.deadline(g));
  }

  /** value_percentile share mode: one alert per value whose share of the window meets the condition. */
  private fireShares(g: Group, hi: number, out: CorrelationAlert[]): void {
    const byValue = new Map<string, number[]>();
    for (let i = 0; i <= hi; i++) {
      const v = (g.entries[i] as Entry).v as string;
      const list = byValue.get(v);
      if (list) list.push(i);
      else byValue.set(v, [i]);
    }
    for (const [value, idx] of byValue) {
      const share = (100 * idx.length) / (hi + 1);
      if (this.test(share)) out.push({ ...this.alertFrom(g, idx, share), fieldValue: value });
    }
  }

  private alert(g: Group, lo: number, hi: number, aggregate: number): CorrelationAlert {
    const idx: number[] = [];
    for (let i = lo; i <= hi && idx.length < this.host.limits.maxEvidence; i++) idx.push(i);
    const alert = this.alertFrom(g, idx, aggregate);
    return { ...alert, lastTime: (g.entries[hi] as Entry).t, eventCount: hi - lo + 1 };
  }

  private alertFrom(g: Group, idx: readonly number[], aggregate: number): CorrelationAlert {
    const group: Record<string, string> = {};
    this.rule.groupBy.forEach((f, i) => (group[f] = g.values[i] as string));
    const evidence = idx.slice(0, this.host.limits.maxEvidence).map((i) => {
      const e = g.entries[i] as Entry;
      return e.eid === undefined ? { ruleId: e.id, time: e.t, event: e.ev } : { ruleId: e.id, time: e.t, event: e.ev, eventId: e.eid };
    });
    const first = g.entries[idx[0] as number] as Entry;
    const last = g.entries[idx[idx.length - 1] as number] as Entry;
    return { rule: this.rule, group, firstTime: first.t, lastTime: last.t, aggregate, eventCount: idx.length, evidence };
  }
}
