/**
 * Data types of Sigma correlation rules (specification v2.1.0) and of the engine that runs them.
 * Pure data: the parser builds `CorrelationRule`, the engine emits `CorrelationAlert` and
 * saves its state as a JSON-safe `CorrelationSnapshot`.
 */
import type { SigmaEvent } from '../types';

/** The correlation types of specification v2.1.0. */
export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile';

/**
 * A correlation's condition. Every bound present must hold (the spec's "AND in the mapping"
 * for ranges). For temporal types the compared number is the count of distinct referenced
 * rules matched in the window; absent in the rule, it defaults to "all of them" (gte rules.length).
 */
export interface CorrelationCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
  /** Field(s) whose values are counted or aggregated (value_* types); several fields form one tuple. */
  field?: readonly string[];
  /**
   * value_percentile only, an extension some backends accept: compare the P-th percentile (0-100)
   * of the numeric field. Without it, value_percentile compares the share (in %) each distinct
   * value has among the group's events, as the specification's example does (rare process names).
   */
  percentile?: number;
}

/** A parsed, validated correlation rule. */
export interface CorrelationRule {
  /** How alerts and chained correlations name it: id, else name, else title. */
  ref: string;
  id?: string;
  name?: string;
  title: string;
  description?: string;
  status?: string;
  level?: string;
  author?: string;
  tags: readonly string[];
  falsepositives: readonly string[];
  references: readonly string[];
  date?: string;
  modified?: string;
  taxonomy?: string;
  file?: string;
  /** Position of the document in its file (0-based). */
  index: number;
  type: CorrelationType;
  /** Referenced rules (ids or names) as written. */
  rules: readonly string[];
  groupBy: readonly string[];
  /** `timespan` as written, e.g. `5m`. */
  timespan: string;
  timespanMs: number;
  condition: CorrelationCondition;
  /** alias -> referenced rule (name or id) -> field to read in that rule's events. */
  aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether referenced rules also alert on their own (spec default: false). */
  generate: boolean;
}

/** One event that contributed to an alert. */
export interface CorrelationEvidence {
  /** Id of the rule (or ref of the correlation) whose match this is. */
  ruleId: string;
  time: number;
  event: SigmaEvent;
  /** Id of the event, when the match carried one. */
  eventId?: string;
}

/** A correlation that fired. */
export interface CorrelationAlert {
  rule: CorrelationRule;
  /** Group-by field (or alias) -> value of the group; empty when the rule has no group-by. */
  group: Readonly<Record<string, string>>;
  /** Time of the first and last contributing event. */
  firstTime: number;
  lastTime: number;
  /**
   * The number the condition held for: event count, distinct value count, number of distinct
   * referenced rules, sum, average, percentile or (value_percentile share mode) the share in %.
   */
  aggregate: number;
  /** value_percentile share mode: the value whose share satisfied the condition. */
  fieldValue?: string;
  /** Events in the window (may exceed evidence.length). */
  eventCount: number;
  /** The first contributing events, at most `limits.maxEvidence`. */
  evidence: readonly CorrelationEvidence[];
}

/** Memory and time bounds of the engine. */
export interface CorrelationLimits {
  /** Groups kept per correlation; the least recently updated group is evicted beyond it. */
  maxGroupsPerRule: number;
  /** Matches kept per group; the oldest is evicted beyond it (counts may then fall short). */
  maxEventsPerGroup: number;
  /** Contributing events copied into an alert. */
  maxEvidence: number;
  /** How far behind the newest event time a match may arrive and still be counted (ms). */
  allowedLatenessMs: number;
}

/** Counters of what the engine did, for metrics. */
export interface CorrelationStats {
  alerts: number;
  /** Alerts of correlations referenced only by correlations with generate: false (fed on, not emitted). */
  suppressedAlerts: number;
  /** Matches older than the newest event time minus allowedLatenessMs, or inside an already alerted or evaluated window. */
  lateDropped: number;
  /** Matches lacking a group-by field or the aggregated field (or not numeric for value_sum/avg/percentile). */
  missingField: number;
  /** Groups dropped because their windows expired. */
  groupsExpired: number;
  /** Groups evicted because a correlation had maxGroupsPerRule groups. */
  groupsEvicted: number;
  /** Matches evicted because a group had maxEventsPerGroup matches. */
  eventsEvicted: number;
}

/** One kept match, as stored in a snapshot. */
export interface EntrySnapshot {
  t: number;
  /** Index of the matched rule in the correlation's `rules`. */
  r: number;
  /** Aggregated value (string key for counting, number for sums), null when none. */
  v: string | number | null;
  id: string;
  ev: SigmaEvent;
  /** Id of the event, when the caller gave one. */
  eid?: string;
}

/** One group's state in a snapshot. */
export interface GroupSnapshot {
  key: string;
  values: string[];
  entries: EntrySnapshot[];
  /** Matches at or before this time belong to an alerted (or evaluated) window; null when none. */
  resetAt: number | null;
}

/** The whole engine state, plain JSON. */
export interface CorrelationSnapshot {
  version: 1;
  /** Newest event time seen, null before the first match. */
  watermark: number | null;
  stats: CorrelationStats;
  /** Per correlation rule (by ref), its groups in least-recently-updated-first order. */
  correlations: { ref: string; groups: GroupSnapshot[] }[];
}
