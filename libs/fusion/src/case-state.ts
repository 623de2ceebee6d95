import type { AlertLevel } from '@soc/contracts';
import type { DedupeGroup } from './dedupe';
import { entityKey } from './entity-key';
import { caseSeverity, orderTactics } from './severity';
import type { CaseAlert, CaseMerge, CaseSnapshot, EntityRef } from './types';

/** Event-time span over which a case saw one entity (the join window is measured from it). */
export interface EntitySpan {
  readonly ref: EntityRef;
  first: number;
  last: number;
}

/** What an alert changed in a case, for the update event. */
export interface CaseDelta {
  readonly severityFrom: AlertLevel;
  readonly newTactics: readonly string[];
}

type MutableCaseAlert = { -readonly [K in keyof CaseAlert]: CaseAlert[K] };

/** One case's mutable state inside fusion; the outside world only sees snapshots. */
export class CaseState {
  private readonly alerts = new Map<string, MutableCaseAlert>();
  private readonly spans = new Map<string, EntitySpan>();
  private readonly tacticSet = new Set<string>();
  private readonly merges: CaseMerge[] = [];
  private firstSeen = Number.POSITIVE_INFINITY;
  private lastSeenMs = Number.NEGATIVE_INFINITY;
  private updatedAt: number;
  private alertCount = 0;
  private severity: AlertLevel = 'informational';
  private severityReasons: readonly string[] = [];

  constructor(
    readonly caseId: string,
    readonly tenantId: string,
    /** Open order within the tenant: ties between equally good cases go to the older one. */
    readonly seq: number,
    private readonly openedAt: number,
  ) {
    this.updatedAt = openedAt;
  }

  /**
   * Rebuilds a case from its snapshot (engine restore after a restart). Entity spans and the
   * tactic set are derived from the alerts, exactly as `add`, `repeat` and `absorb` keep them;
   * times, count and merges are taken as recorded.
   */
  static fromSnapshot(s: CaseSnapshot, seq: number): CaseState {
    const state = new CaseState(s.caseId, s.tenantId, seq, s.openedAt);
    for (const a of s.timeline) {
      const copy = copyAlert(a);
      state.alerts.set(a.alertId, copy);
      for (const e of copy.entities) state.widen(e, a.firstSeen, a.lastSeen);
      for (const t of a.tactics) state.tacticSet.add(t);
    }
    state.merges.push(...s.merges.map((m) => ({ ...m, shared: m.shared.map((e) => ({ ...e })) })));
    state.touch(s.firstSeen, s.lastSeen, s.updatedAt);
    state.alertCount = s.alertCount;
    return state;
  }

  /** Adds a new (deduplicated) alert and recomputes tactics and severity. */
  add(alert: CaseAlert, nowMs: number): CaseDelta {
    const severityFrom = this.severity;
    this.alerts.set(alert.alertId, { ...alert });
    for (const e of alert.entities) this.widen(e, alert.firstSeen, alert.lastSeen);
    const newTactics = alert.tactics.filter((t) => !this.tacticSet.has(t));
    for (const t of newTactics) this.tacticSet.add(t);
    this.alertCount += alert.count;
    this.touch(alert.firstSeen, alert.lastSeen, nowMs);
    return { severityFrom, newTactics };
  }

  /** Folds a repeat into an alert already on the case (dedupe bumped its count and span). */
  repeat(group: Pick<DedupeGroup, 'alertId' | 'count' | 'firstSeen' | 'lastSeen' | 'envelopeIds'>, nowMs: number): CaseDelta {
    const { count, firstSeen, lastSeen } = group;
    const a = this.alerts.get(group.alertId);
    const severityFrom = this.severity;
    if (!a) return { severityFrom, newTactics: [] };
    this.alertCount += count - a.count;
    a.count = count;
    a.sourceAlertIds = [...group.envelopeIds];
    a.firstSeen = firstSeen;
    a.lastSeen = lastSeen;
    for (const e of a.entities) this.widen(e, firstSeen, lastSeen);
    this.touch(firstSeen, lastSeen, nowMs);
    return { severityFrom, newTactics: [] };
  }

  /**
   * Takes over every alert, entity span, tactic and merge record of `other` (which the caller
   * then closes) and records `merge`. Returns what the merge changed, for the update event.
   */
  absorb(other: CaseState, merge: CaseMerge, nowMs: number): CaseDelta {
    const severityFrom = this.severity;
    for (const [id, a] of other.alerts) this.alerts.set(id, a);
    for (const o of other.spans.values()) this.widen(o.ref, o.first, o.last);
    const newTactics = [...other.tacticSet].filter((t) => !this.tacticSet.has(t));
    for (const t of newTactics) this.tacticSet.add(t);
    this.merges.push(...other.merges, merge);
    this.alertCount += other.alertCount;
    this.touch(other.firstSeen, other.lastSeenMs, nowMs);
    return { severityFrom, newTactics };
  }

  /** Deduplicated alert ids on the case. */
  alertIds(): string[] {
    return [...this.alerts.keys()];
  }

  /** Keys of every entity the case saw (for re-indexing after a merge). */
  entityRefs(): EntityRef[] {
    return [...this.spans.values()].map((s) => s.ref);
  }

  /** The case's span for an entity, if it ever saw it. */
  span(key: string): EntitySpan | undefined {
    return this.spans.get(key);
  }

  /** Latest event time of any alert in the case. */
  get lastSeen(): number {
    return this.lastSeenMs;
  }

  /** A deep, plain copy with the timeline ordered by first seen, then alert id. */
  snapshot(): CaseSnapshot {
    const timeline = [...this.alerts.values()]
      .map(copyAlert)
      .sort((x, y) => x.firstSeen - y.firstSeen || (x.alertId < y.alertId ? -1 : x.alertId > y.alertId ? 1 : 0));
    return {
      caseId: this.caseId,
      tenantId: this.tenantId,
      openedAt: this.openedAt,
      updatedAt: this.updatedAt,
      firstSeen: this.firstSeen,
      lastSeen: this.lastSeenMs,
      severity: this.severity,
      severityReasons: [...this.severityReasons],
      tactics: orderTactics(this.tacticSet),
      timeline,
      entities: [...this.spans.values()].map((s) => ({ ...s.ref })),
      alertCount: this.alertCount,
      merges: this.merges.map((m) => ({ ...m, shared: m.shared.map((e) => ({ ...e })) })),
    };
  }

  /** Widens the case's span for an entity to [first, last], starting one when the entity is new. */
  private widen(ref: EntityRef, first: number, last: number): void {
    const k = entityKey(ref);
    const s = this.spans.get(k);
    if (s) {
      s.first = Math.min(s.first, first);
      s.last = Math.max(s.last, last);
    } else this.spans.set(k, { ref, first, last });
  }

  private touch(firstSeen: number, lastSeen: number, nowMs: number): void {
    this.firstSeen = Math.min(this.firstSeen, firstSeen);
    this.lastSeenMs = Math.max(this.lastSeenMs, lastSeen);
    this.updatedAt = nowMs;
    const s = caseSeverity(
      [...this.alerts.values()].map((a) => a.level),
      orderTactics(this.tacticSet),
    );
    this.severity = s.severity;
    this.severityReasons = s.reasons;
  }
}

/** A deep copy of a case alert: snapshots and restores never share arrays or reasons with live state. */
function copyAlert(a: CaseAlert): MutableCaseAlert {
  return { ...a, sourceAlertIds: [...a.sourceAlertIds], tactics: [...a.tactics], entities: a.entities.map((e) => ({ ...e })), reason: structuredClone(a.reason) };
}
