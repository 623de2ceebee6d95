import type { AlertLevelName, EntityKey } from '../detection/alert-repository';

/** Triage states of a case. `resolved` and `false_positive` close it. */
export type CaseStatus = 'new' | 'triaged' | 'investigating' | 'contained' | 'resolved' | 'false_positive';
export const CASE_STATUSES: readonly CaseStatus[] = ['new', 'triaged', 'investigating', 'contained', 'resolved', 'false_positive'];

/** An entity of a case: kind and canonical value. */
export interface CaseEntityInput {
  readonly type: string;
  readonly value: string;
}

/** One alert of a snapshot (structurally the fusion library's `CaseAlert`). */
export interface CaseSnapshotAlert {
  readonly alertId: string;
  readonly ruleId: string;
  readonly ruleTitle: string;
  readonly level: AlertLevelName;
  readonly count: number;
  /** Epoch ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Why the alert is in the case; stored as given (JSON). */
  readonly reason: unknown;
  /** Ids of the stored alerts folded into this one (at most 100); absent: none known. */
  readonly sourceAlertIds?: readonly string[];
}

/**
 * A case as fusion emits it (structurally the fusion library's `CaseSnapshot`, so that can be
 * passed as is). Times are epoch ms; `updatedAt` is fusion's clock reading of this version.
 */
export interface CaseSnapshotInput {
  readonly caseId: string;
  readonly openedAt: number;
  readonly updatedAt: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly severity: AlertLevelName;
  readonly severityReasons: readonly string[];
  readonly tactics: readonly string[];
  readonly timeline: readonly CaseSnapshotAlert[];
  readonly entities: readonly CaseEntityInput[];
  readonly alertCount: number;
}

/** Who writes a snapshot and which ATT&CK techniques its alerts named (the snapshot has none). */
export interface CaseUpsertOptions {
  /** Default `system:fusion`. */
  readonly actor?: string;
  /** Technique ids, merged into the stored set. */
  readonly techniques?: readonly string[];
}

/** A stored case without its alerts. */
export interface Case {
  readonly tenantId: string;
  readonly id: string;
  readonly title: string;
  readonly status: CaseStatus;
  readonly severity: AlertLevelName;
  readonly severityReasons: readonly string[];
  readonly owner: string | null;
  readonly slaDueAt: Date | null;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  readonly firstSeen: Date;
  readonly lastSeen: Date;
  readonly alertCount: number;
  readonly entities: readonly CaseEntityInput[];
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
  /** The case a fusion merge absorbed this one into; null while the case stands on its own. */
  readonly mergedInto: string | null;
}

/** One alert of a stored case, with why it joined. */
export interface CaseAlertRecord {
  readonly alertId: string;
  readonly ruleId: string;
  readonly ruleTitle: string;
  readonly level: AlertLevelName;
  readonly count: number;
  readonly firstSeen: Date;
  readonly lastSeen: Date;
  readonly joinedAt: Date;
  readonly reason: unknown;
  /** Ids of the stored alerts folded into this one, in arrival order; empty when none are known. */
  readonly sourceAlertIds: readonly string[];
}

/** An analyst note. */
export interface CaseNote {
  readonly id: string;
  readonly caseId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: Date;
}

/** A case with its alerts (first seen order) and notes (oldest first). */
export interface CaseDetail extends Case {
  readonly alerts: readonly CaseAlertRecord[];
  readonly notes: readonly CaseNote[];
}

/** What `upsertFromSnapshot` did. */
export interface CaseUpsertReport {
  /** `created`: a new case; `updated`: a newer snapshot applied; `unchanged`: a replay or an older snapshot. */
  readonly outcome: 'created' | 'updated' | 'unchanged';
  /** Alerts that joined the case with this call. */
  readonly alertsAdded: number;
}

/** Sort keys of `list`. */
export type CaseSort = 'lastSeen' | 'createdAt' | 'severity';

/** Filters of `list`; `from` inclusive and `to` exclusive on `lastSeen`. */
export interface CaseListOptions {
  readonly statuses?: readonly CaseStatus[];
  readonly severities?: readonly AlertLevelName[];
  /** An owner's id, or null for unassigned cases. */
  readonly owner?: string | null;
  readonly from?: Date;
  readonly to?: Date;
  /** Default `lastSeen`; ties break on id. */
  readonly sort?: CaseSort;
  /** Default `desc`. */
  readonly order?: 'asc' | 'desc';
  /** 1..1000, default 100. */
  readonly limit?: number;
  /** `nextCursor` of the previous page, issued for the same sort and order. */
  readonly cursor?: string;
  /** Default false: cases absorbed by a merge are left out (their alerts live on the survivor). */
  readonly includeMerged?: boolean;
  /** true: only open cases (not resolved or false positive) whose SLA due time has passed (repository clock). */
  readonly slaBreached?: boolean;
}

/** One page of cases. */
export interface CasePage {
  readonly items: Case[];
  readonly nextCursor: string | null;
}

/** Who changes a case and why; both are required and land in the audit trail. */
export interface CaseChangeContext {
  readonly actor: string;
  readonly reason: string;
}

/**
 * Cases per tenant. Fusion writes snapshots (idempotent; an older snapshot never overwrites a
 * newer one, and never touches status, owner or SLA); analysts change status, owner and SLA
 * and add notes, each change with an audit record in the same transaction. Unknown cases fail
 * with SOC_ERR_NOT_FOUND, bad input with SOC_ERR_VALIDATION, bad cursors with SOC_ERR_CURSOR_INVALID.
 * Cases absorbed by a fusion merge carry `mergedInto` and drop out of `list` by default.
 */
export interface CaseRepository {
  upsertFromSnapshot(tenantId: string, snapshot: CaseSnapshotInput, options?: CaseUpsertOptions): Promise<CaseUpsertReport>;
  get(tenantId: string, caseId: string): Promise<CaseDetail | null>;
  list(tenantId: string, options?: CaseListOptions): Promise<CasePage>;
  /** Cases naming `entity`, most recently seen first; cases a merge absorbed are left out (the survivor names their entities). `limit` 1..1000. */
  listByEntity(tenantId: string, entity: EntityKey, limit: number): Promise<Case[]>;
  /** A change to the same status is a no-op with no audit record. */
  setStatus(tenantId: string, caseId: string, status: CaseStatus, change: CaseChangeContext): Promise<Case>;
  /** `owner` null unassigns. */
  assign(tenantId: string, caseId: string, owner: string | null, change: CaseChangeContext): Promise<Case>;
  /** `dueAt` null clears the SLA. */
  setSla(tenantId: string, caseId: string, dueAt: Date | null, change: CaseChangeContext): Promise<Case>;
  addNote(tenantId: string, caseId: string, note: { readonly author: string; readonly body: string }): Promise<CaseNote>;
  /**
   * Record that fusion absorbed `caseId` into `intoCaseId` (which must exist), with a
   * `case.merged` audit record in the same transaction. Marking the same merge again is a
   * no-op with no audit record. Merging a case into itself fails with SOC_ERR_VALIDATION, one
   * already merged into another case with SOC_ERR_DB_CONFLICT. Status, owner and SLA stay as they are.
   */
  markMerged(tenantId: string, caseId: string, intoCaseId: string, change: CaseChangeContext): Promise<Case>;
}
