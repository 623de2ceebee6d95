import type { AlertEntity } from '@soc/contracts';

/** Entity kinds an alert can name (the contract's `AlertEntity.type`). */
export type EntityType = AlertEntity['type'];

/** Tuning of the fusion algorithm; every window is in milliseconds. */
export interface FusionConfig {
  /** Repeats of one rule on one entity set closer than this (event time) fold into one alert. */
  readonly dedupeWindowMs: number;
  /** An alert may join a case only through entities the case saw within this gap (event time). */
  readonly joinWindowMs: number;
  /** Half-life of the per-tenant entity frequencies (clock time), so old noise is forgotten. */
  readonly rarityHalfLifeMs: number;
  /**
   * Pseudo-alerts added to the tenant's alert count: with few alerts seen nothing can be judged
   * common yet, and this keeps the first alerts' entities from looking rare-but-shared by chance.
   */
  readonly rarityPrior: number;
  /** An entity in at most this share of the tenant's alerts weighs 1; weight falls to 0 at share 1. */
  readonly fullWeightShare: number;
  /** Summed weight of shared entities an alert needs to join a case. */
  readonly joinThreshold: number;
  /**
   * When an alert reaches `joinThreshold` against two or more cases, merge them into the oldest:
   * the alert is evidence that they are one incident seen from two sides (e.g. a proxy alert
   * naming a workstation's address and a later logon naming both its address and host name).
   */
  readonly mergeBridgedCases: boolean;
  /**
   * Weight of each entity kind before rarity. 0 keeps a kind out of grouping (it still counts
   * for dedupe). A process name or a URL says less about "same incident" than an access key.
   */
  readonly typeWeights: Readonly<Record<EntityType, number>>;
  /** Idle state (by clock) older than its window is dropped at most this often. */
  readonly sweepIntervalMs: number;
}

/** Defaults sized for a mid-size tenant: 15 min dedupe, 24 h join window, 7-day rarity memory. */
export const DEFAULT_FUSION_CONFIG: FusionConfig = {
  dedupeWindowMs: 15 * 60_000,
  joinWindowMs: 24 * 3_600_000,
  rarityHalfLifeMs: 7 * 24 * 3_600_000,
  rarityPrior: 20,
  fullWeightShare: 0.05,
  joinThreshold: 0.6,
  mergeBridgedCases: true,
  typeWeights: {
    user: 1,
    host: 1,
    ip: 0.9,
    process: 0.4,
    file_hash: 1,
    cloud_principal: 1,
    access_key: 1,
    mailbox: 1,
    repository: 1,
    domain: 0.7,
    url: 0.7,
    app: 0.7,
  },
  sweepIntervalMs: 60_000,
};

/** Defaults overridden by `partial` (type weights merge per kind). */
export function resolveFusionConfig(partial: Partial<FusionConfig> = {}): FusionConfig {
  return {
    ...DEFAULT_FUSION_CONFIG,
    ...partial,
    typeWeights: { ...DEFAULT_FUSION_CONFIG.typeWeights, ...partial.typeWeights },
  };
}
