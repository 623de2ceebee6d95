import type { AlertLevel } from '@soc/contracts';
import type { EntityType } from './config';

/** An entity as fusion keeps it: kind and canonical value. */
export interface EntityRef {
  readonly type: EntityType;
  readonly value: string;
}

/** One shared entity that counted toward a join, with how its weight was derived. */
export interface SharedEntity extends EntityRef {
  /** Final weight: type weight x rarity. */
  readonly weight: number;
  /** Decayed number of earlier alerts of the tenant that named this entity. */
  readonly alertFrequency: number;
  /** That frequency as a share of the tenant's (decayed, prior-padded) alert count. */
  readonly share: number;
}

/**
 * Why an alert is in its case. `joined`: the summed weight of `shared` reached `threshold`.
 * `opened`: no case scored enough; `bestCandidate` says which came closest and by how much,
 * so an analyst can see that e.g. only a domain controller was shared.
 */
export type JoinReason =
  | { readonly kind: 'joined'; readonly score: number; readonly threshold: number; readonly shared: readonly SharedEntity[] }
  | {
      readonly kind: 'opened';
      readonly threshold: number;
      readonly bestCandidate?: { readonly caseId: string; readonly score: number; readonly shared: readonly SharedEntity[] };
    };

/** One (deduplicated) alert on a case timeline. */
export interface CaseAlert {
  /** Deterministic id of the deduplicated alert. */
  readonly alertId: string;
  /** Envelope id of the first alert folded into it. */
  readonly firstEnvelopeId: string;
  /**
   * Envelope ids (the stored alerts' ids) of the alerts folded into it, in arrival order, the
   * first MAX_SOURCE_ALERTS of them: the way from a case to its alerts' evidence.
   */
  readonly sourceAlertIds: readonly string[];
  readonly ruleId: string;
  readonly ruleTitle: string;
  readonly level: AlertLevel;
  /** How many alerts were folded into this one by dedupe. */
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Tactic shortnames of the alert, kill-chain order. */
  readonly tactics: readonly string[];
  readonly entities: readonly EntityRef[];
  readonly reason: JoinReason;
}

/** A case as emitted: a plain, self-contained copy (mutating it does not touch fusion state). */
export interface CaseSnapshot {
  readonly caseId: string;
  readonly tenantId: string;
  /** Clock time the case was opened and last changed. */
  readonly openedAt: number;
  readonly updatedAt: number;
  /** Event time span of its alerts. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly severity: AlertLevel;
  /** Why the severity is what it is (highest alert level, kill-chain progression). */
  readonly severityReasons: readonly string[];
  /** Distinct tactic shortnames, kill-chain order (unknown tactics last, by name). */
  readonly tactics: readonly string[];
  /** Alerts ordered by first seen, then id: the case timeline. */
  readonly timeline: readonly CaseAlert[];
  /** Distinct entities of the case, first appearance order. */
  readonly entities: readonly EntityRef[];
  /** Total alerts folded into the case, duplicates included. */
  readonly alertCount: number;
  /** Cases absorbed into this one by bridging alerts, in merge order (absorbed cases' own merges included). */
  readonly merges: readonly CaseMerge[];
}

/**
 * One case absorbed into another: an alert reached the join threshold against both, so they
 * are one incident. The surviving case is the older one; `shared` are the bridging entities
 * between the alert and the absorbed case, `score` their summed weight.
 */
export interface CaseMerge {
  /** Id of the absorbed case (no longer open; its alerts now live in the survivor). */
  readonly caseId: string;
  /** The bridging alert (deduplicated alert id). */
  readonly alertId: string;
  /** Clock time of the merge. */
  readonly at: number;
  readonly score: number;
  readonly threshold: number;
  readonly shared: readonly SharedEntity[];
}

/** Message type names, `<domain>.<entity>.<past-tense>`. */
export const CASE_OPENED = 'fusion.case.opened';
export const CASE_UPDATED = 'fusion.case.updated';

/** What changed in a case update. */
export type CaseChange = 'alert-joined' | 'alert-repeated' | 'merged';

/** A case event for the service to publish; plain data. */
export type CaseEvent =
  | { readonly type: typeof CASE_OPENED; readonly tenantId: string; readonly caseId: string; readonly at: number; readonly alertId: string; readonly case: CaseSnapshot }
  | {
      readonly type: typeof CASE_UPDATED;
      readonly tenantId: string;
      readonly caseId: string;
      readonly at: number;
      readonly alertId: string;
      readonly change: Exclude<CaseChange, 'merged'>;
      readonly severityFrom: AlertLevel;
      readonly newTactics: readonly string[];
      readonly case: CaseSnapshot;
    }
  /**
   * `merged`: the alert `alertId` bridged this case and `mergedCaseIds` (in that order, one
   * `merges` entry each, with the bridging entities); those ids are closed and their alerts
   * now sit on this case.
   */
  | {
      readonly type: typeof CASE_UPDATED;
      readonly tenantId: string;
      readonly caseId: string;
      readonly at: number;
      readonly alertId: string;
      readonly change: 'merged';
      readonly mergedCaseIds: readonly string[];
      readonly severityFrom: AlertLevel;
      readonly newTactics: readonly string[];
      readonly case: CaseSnapshot;
    };

/** Outcome of ingesting one alert. */
export type IngestResult =
  | { readonly status: 'new' | 'duplicate'; readonly alertId: string; readonly caseId: string; readonly events: readonly CaseEvent[] }
  /** Suppressed alerts stay visible in the alert store but neither form cases nor count toward rarity. */
  | { readonly status: 'suppressed'; readonly alertId: string; readonly events: readonly [] };
