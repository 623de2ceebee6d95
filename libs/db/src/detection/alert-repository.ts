/** Sigma levels, lowest first (the same list as the alert contract). */
export type AlertLevelName = 'informational' | 'low' | 'medium' | 'high' | 'critical';
/** Triage state of an alert. Detection writes `new`; analysts move it (a later issue). */
export type AlertStatus = 'new' | 'acknowledged' | 'in_progress' | 'resolved' | 'false_positive';
export const ALERT_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'in_progress', 'resolved', 'false_positive'];

/** An alert as the detection service produces it. */
export interface NewAlert {
  /** Deterministic id from the producer (rule, grouping key, window). */
  readonly id: string;
  readonly kind: 'rule' | 'correlation';
  readonly ruleId: string;
  readonly ruleVersion?: string | null;
  readonly origin?: string | null;
  readonly author?: string | null;
  readonly title: string;
  readonly level: AlertLevelName;
  /** OCSF severity_id; defaults from the level (informational 1 .. critical 5). */
  readonly severityId?: number;
  /** When the alert happened (listing order). */
  readonly time: Date;
  readonly firstSeen: Date;
  readonly lastSeen: Date;
  /** Events that contributed (may exceed the evidence kept). */
  readonly count: number;
  /** ATT&CK technique ids, e.g. `T1110.003`. */
  readonly techniques: readonly string[];
  /** ATT&CK tactic short names, e.g. `credential-access`. */
  readonly tactics: readonly string[];
  readonly entities: readonly unknown[];
  /** Evidence records; each should carry an `eventId`. */
  readonly evidence: readonly unknown[];
  /** Ids of the evidence events; defaults to the `eventId` of each evidence record. */
  readonly evidenceEventIds?: readonly string[];
  /** The OCSF Detection Finding. */
  readonly finding: Readonly<Record<string, unknown>>;
  /** Id of the exception that suppressed it; suppressed alerts are stored and shown flagged. */
  readonly suppressedBy?: string | null;
}

/** A stored alert. */
export interface Alert extends Required<Omit<NewAlert, 'ruleVersion' | 'origin' | 'author' | 'suppressedBy'>> {
  readonly tenantId: string;
  readonly ruleVersion: string | null;
  readonly origin: string | null;
  readonly author: string | null;
  readonly suppressedBy: string | null;
  readonly status: AlertStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Filters for `list`; the time range is `from` inclusive, `to` exclusive, on `time`. */
export interface AlertListOptions {
  readonly from?: Date;
  readonly to?: Date;
  readonly levels?: readonly AlertLevelName[];
  readonly ruleId?: string;
  readonly statuses?: readonly AlertStatus[];
  readonly technique?: string;
  /** Case-insensitive substring of the title. */
  readonly text?: string;
  /** true: only suppressed; false: only unsuppressed; absent: both. */
  readonly suppressed?: boolean;
  /** 1..1000, default 100. */
  readonly limit?: number;
  readonly cursor?: string;
}

/** One page, newest first by (time, id). */
export interface AlertPage {
  readonly items: Alert[];
  readonly nextCursor: string | null;
}

/** An entity an alert or case names: kind and canonical value, as in the alert contract. */
export interface EntityKey {
  readonly type: string;
  readonly value: string;
}

/** What `insertMany` did. */
export interface AlertInsertReport {
  readonly inserted: number;
  /** Existing alerts extended by a later sighting. */
  readonly updated: number;
  /** Repeats that changed nothing (replays). */
  readonly unchanged: number;
}

/**
 * Alerts per tenant. `insertMany` is idempotent by id: a record identical to or older than the
 * stored one changes nothing, so at-least-once delivery never inflates counts. A record with
 * the same id and a later `lastSeen` (or the same `lastSeen` and a larger `count`) is a later
 * sighting of the same alert: it replaces last_seen, count, entities, evidence, finding and
 * suppression, keeps the earliest first_seen, and never touches id, rule, time or status.
 */
export interface AlertRepository {
  insertMany(tenantId: string, alerts: readonly NewAlert[]): Promise<AlertInsertReport>;
  list(tenantId: string, options?: AlertListOptions): Promise<AlertPage>;
  get(tenantId: string, id: string): Promise<Alert | null>;
  /** The tenant's alerts among `ids` (at most 1000 distinct), in the order asked; unknown ids are left out. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Alert[]>;
  /** Alerts naming `entity` (type and value as stored), newest first by (time, id); `limit` 1..1000. */
  listByEntity(tenantId: string, entity: EntityKey, limit: number): Promise<Alert[]>;
}
