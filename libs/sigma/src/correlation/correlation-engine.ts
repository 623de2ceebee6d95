/**
 * Runs Sigma correlation rules over the matches of detection rules: routes each match to the
 * correlations referencing its rule (by id or name), feeds their alerts on to correlations
 * referencing them (chains), closes and expires windows as event time advances, bounds memory,
 * and saves or restores its whole state as plain JSON.
 *
 * Time is event time only (match.time); `advance(now)` lets a caller move it when no match
 * arrives, e.g. from its ingest clock, so windows decided at close still get decided.
 */
import type { FieldAccessor, RuleMatch } from '../types';
import { CorrelationRuntime, type RuntimeHost } from './correlation-runtime';
import { DeadlineHeap } from './deadline-heap';
import { buildReaders } from './field-values';
import type { Group } from './group';
import { checkReferences, type CorrelationRuleResolver } from './references';
import { readSnapshot } from './snapshot';
import type { CorrelationAlert, CorrelationLimits, CorrelationRule, CorrelationSnapshot, CorrelationStats } from './types';

/** Defaults: 10k groups per rule, 1k matches per group, 100 evidence events, 60 s of lateness. */
export const DEFAULT_CORRELATION_LIMITS: Readonly<CorrelationLimits> = {
  maxGroupsPerRule: 10_000,
  maxEventsPerGroup: 1_000,
  maxEvidence: 100,
  allowedLatenessMs: 60_000,
};

/** What the engine is built with besides the rules. */
export interface CorrelationEngineOptions {
  /** Tells which non-correlation references exist; a missing one is an error at construction. */
  resolver: CorrelationRuleResolver;
  /** How a field (group-by, aliased field, aggregated field) is read from a base rule's event. */
  accessorFor(field: string): FieldAccessor;
  limits?: Partial<CorrelationLimits>;
}

interface Target {
  rt: CorrelationRuntime;
  r: number;
}

function zeroStats(): CorrelationStats {
  return { alerts: 0, suppressedAlerts: 0, lateDropped: 0, missingField: 0, groupsExpired: 0, groupsEvicted: 0, eventsEvicted: 0 };
}

/** Stateful evaluation of correlation rules. Not thread-safe; one instance per stream. */
export class CorrelationEngine {
  private readonly runtimes: CorrelationRuntime[] = [];
  private readonly byRef = new Map<string, CorrelationRuntime>();
  private readonly targets = new Map<string, Target[]>();
  private readonly heap = new DeadlineHeap<{ rt: CorrelationRuntime; g: Group }>();
  private readonly host: RuntimeHost;
  private readonly suppressedRefs: Set<string>;
  private readonly stat: CorrelationStats = zeroStats();
  private wm = -Infinity;

  /**
   * @throws SocError SOC_ERR_SIGMA_CORRELATION_INVALID when two correlations share an id or
   * name, a reference is neither a known rule nor a correlation (reason `unknown-rule`), or
   * correlations reference each other in a cycle (reason `cycle`).
   */
  constructor(rules: readonly CorrelationRule[], options: CorrelationEngineOptions) {
    const limits = { ...DEFAULT_CORRELATION_LIMITS, ...options.limits };
    const checked = checkReferences(rules, options.resolver);
    this.suppressedRefs = checked.suppressedBaseRefs;
    this.host = {
      limits,
      stats: this.stat,
      watermark: () => this.wm,
      schedule: (rt, g, deadline) => {
        g.heapDeadline = deadline;
        this.heap.push(deadline, { rt, g });
      },
    };
    for (const rule of rules) {
      const readers = buildReaders(rule, options.accessorFor, (ref) => checked.correlationByRef.has(ref));
      const rt = new CorrelationRuntime(rule, readers, this.host);
      rt.suppressed = checked.suppressedCorrelations.has(rule);
      this.runtimes.push(rt);
      this.byRef.set(rule.ref, rt);
      rule.rules.forEach((ref, r) => {
        const list = this.targets.get(ref) ?? [];
        list.push({ rt, r });
        this.targets.set(ref, list);
      });
    }
  }

  /**
   * Feeds one detection-rule match and returns the correlation alerts it completes, including
   * windows that closed because event time moved past them. Matches older than the newest event
   * time minus `allowedLatenessMs` are counted in stats().lateDropped and ignored.
   */
  observe(match: RuleMatch): CorrelationAlert[] {
    const out: CorrelationAlert[] = [];
    if (match.time < this.wm - this.host.limits.allowedLatenessMs) {
      this.stat.lateDropped++;
      return out;
    }
    this.feed(match, out);
    if (match.time > this.wm) {
      this.wm = match.time;
      this.runDeadlines(out);
    }
    return out;
  }

  /** Moves event time to `now` (if later): decides windows that ended and drops expired groups. */
  advance(now: number): CorrelationAlert[] {
    const out: CorrelationAlert[] = [];
    if (now > this.wm) {
      this.wm = now;
      this.runDeadlines(out);
    }
    return out;
  }

  /**
   * Rule references (as written in `rules`, and as canonical ids when the resolver gives them)
   * whose own matches should not become alerts: every correlation referencing them has
   * generate: false, the spec's default ("only the correlation query should be generated").
   */
  suppressedBaseRules(): Set<string> {
    return new Set(this.suppressedRefs);
  }

  /** Newest event time seen (or advanced to); -Infinity before the first match. */
  watermark(): number {
    return this.wm;
  }

  /** The correlation rules this engine runs, in the order given. */
  rules(): readonly CorrelationRule[] {
    return this.runtimes.map((rt) => rt.rule);
  }

  /** Counters since construction (or since the restored snapshot was taken). */
  stats(): CorrelationStats & { groups: number; matchesKept: number } {
    let groups = 0;
    let matchesKept = 0;
    for (const rt of this.runtimes) {
      groups += rt.groups.size;
      for (const g of rt.groups.values()) matchesKept += g.entries.length;
    }
    return { ...this.stat, groups, matchesKept };
  }

  /** The whole state as plain JSON-serializable data. */
  snapshot(): CorrelationSnapshot {
    return {
      version: 1,
      watermark: Number.isFinite(this.wm) ? this.wm : null,
      stats: { ...this.stat },
      correlations: this.runtimes.map((rt) => ({ ref: rt.rule.ref, groups: rt.snapshotGroups() })),
    };
  }

  /**
   * Replaces the state with a snapshot (e.g. parsed from JSON after a restart) taken by an
   * engine with the same rules. Groups of correlations this engine does not have are skipped.
   * @throws SocError SOC_ERR_SIGMA_CORRELATION_INVALID (reason `bad-snapshot`) when malformed.
   */
  restore(snapshot: unknown): void {
    const s = readSnapshot(snapshot);
    this.heap.clear();
    for (const rt of this.runtimes) rt.groups.clear();
    this.wm = s.watermark ?? -Infinity;
    Object.assign(this.stat, s.stats);
    for (const c of s.correlations) {
      const rt = this.byRef.get(c.ref);
      if (rt === undefined) continue;
      for (const gs of c.groups) {
        // A group saved under an older version of the rule with more referenced rules cannot be placed.
        if (gs.entries.some((e) => e.r >= rt.rule.rules.length)) continue;
        const g = rt.restoreGroup(gs);
        this.host.schedule(rt, g, rt.deadline(g));
      }
    }
  }

  /** Routes a match to every correlation referencing its rule by id or by name, then chains. */
  private feed(match: RuleMatch, out: CorrelationAlert[]): void {
    const byId = this.targets.get(match.ruleId);
    const byName = match.ruleName === undefined || match.ruleName === match.ruleId ? undefined : this.targets.get(match.ruleName);
    if (byId === undefined && byName === undefined) return;
    const fired: CorrelationAlert[] = [];
    if (byId) for (const t of byId) t.rt.observe(match, t.r, fired);
    if (byName) {
      for (const t of byName) {
        // A correlation listing both the id and the name of one rule still sees each match once.
        if (byId?.some((x) => x.rt === t.rt)) continue;
        t.rt.observe(match, t.r, fired);
      }
    }
    for (const alert of fired) this.emit(alert, out);
  }

  /** Counts an alert, returns it unless suppressed, and feeds it to correlations referencing its rule. */
  private emit(alert: CorrelationAlert, out: CorrelationAlert[]): void {
    const rt = this.byRef.get(alert.rule.ref) as CorrelationRuntime;
    this.stat.alerts++;
    if (rt.suppressed) this.stat.suppressedAlerts++;
    else out.push(alert);
    const rule = alert.rule;
    const chained: RuleMatch = { ruleId: rule.ref, event: alert.group, time: alert.lastTime };
    if (rule.name !== undefined) chained.ruleName = rule.name;
    this.feed(chained, out);
  }

  /** Handles every heap entry whose deadline the watermark has passed. */
  private runDeadlines(out: CorrelationAlert[]): void {
    while (this.heap.peek() < this.wm) {
      const { deadline, item } = this.heap.pop() as { deadline: number; item: { rt: CorrelationRuntime; g: Group } };
      const { rt, g } = item;
      if (rt.groups.get(g.key) !== g || g.heapDeadline !== deadline) continue;
      const current = rt.deadline(g);
      if (current > deadline) {
        this.host.schedule(rt, g, current);
        continue;
      }
      const fired: CorrelationAlert[] = [];
      if (rt.onDeadline(g, fired)) this.host.schedule(rt, g, rt.deadline(g));
      for (const alert of fired) this.emit(alert, out);
    }
  }
}
