import type { FusionConfig } from './config';
import { entityKey } from './entity-key';
import type { EntityRef } from './types';

interface Decayed {
  value: number;
  at: number;
}

/** Decayed counters as stored: the total, then `[entity key, value, at]` per entity. */
export interface RaritySnapshot {
  readonly total: readonly [number, number];
  readonly counts: readonly (readonly [string, number, number])[];
}

/** Below this decayed count an entity's counter is forgotten (its weight is then as for a new entity). */
const FORGET_BELOW = 0.05;

/** What the rarity model says about one entity at one instant. */
export interface EntityWeight {
  readonly weight: number;
  readonly alertFrequency: number;
  readonly share: number;
}

/**
 * Per-tenant entity frequencies: in how many distinct (deduplicated) alerts each entity
 * appeared, exponentially decayed by clock time. An entity in a large share of alerts (a
 * domain controller, a NAT address) gets a low weight, so it cannot glue alerts alone.
 */
export class EntityRarity {
  private readonly counts = new Map<string, Decayed>();
  private readonly total: Decayed = { value: 0, at: 0 };

  constructor(private readonly config: FusionConfig) {}

  /**
   * Weight of `e` now: type weight x rarity, where rarity falls log-linearly from 1 at share
   * `fullWeightShare` to 0 at share 1. The share counts the alert at hand (+1) against the
   * prior-padded total, so a first sighting on an empty tenant weighs 1.
   */
  weigh(e: EntityRef, nowMs: number): EntityWeight {
    const c = this.counts.get(entityKey(e));
    const df = c ? this.decay(c, nowMs) : 0;
    const n = this.decay(this.total, nowMs);
    const share = Math.min(1, (df + 1) / (n + this.config.rarityPrior));
    const rarity = Math.min(1, Math.max(0, Math.log(share) / Math.log(this.config.fullWeightShare)));
    return { weight: (this.config.typeWeights[e.type] ?? 0) * rarity, alertFrequency: df, share };
  }

  /** Counts one new distinct alert naming `entities`. */
  observe(entities: readonly EntityRef[], nowMs: number): void {
    this.bump(this.total, nowMs);
    for (const e of entities) {
      const k = entityKey(e);
      const c = this.counts.get(k);
      if (c) this.bump(c, nowMs);
      else this.counts.set(k, { value: 1, at: nowMs });
    }
  }

  /** Forgets entities whose decayed count has faded to nearly nothing. */
  sweep(nowMs: number): void {
    for (const [k, c] of this.counts) if (this.decay(c, nowMs) < FORGET_BELOW) this.counts.delete(k);
  }

  /** The counters as they stand (decay is applied lazily, so values and stamps are copied as is). */
  snapshot(): RaritySnapshot {
    return { total: [this.total.value, this.total.at], counts: [...this.counts].map(([k, c]) => [k, c.value, c.at]) };
  }

  /** Replaces the counters with a snapshot's. */
  restore(s: RaritySnapshot): void {
    this.total.value = s.total[0];
    this.total.at = s.total[1];
    this.counts.clear();
    for (const [k, value, at] of s.counts) this.counts.set(k, { value, at });
  }

  /** Entities with a live counter. */
  get size(): number {
    return this.counts.size;
  }

  private decay(d: Decayed, nowMs: number): number {
    const dt = Math.max(0, nowMs - d.at);
    return dt === 0 ? d.value : d.value * Math.pow(0.5, dt / this.config.rarityHalfLifeMs);
  }

  private bump(d: Decayed, nowMs: number): void {
    d.value = this.decay(d, nowMs) + 1;
    d.at = Math.max(d.at, nowMs);
  }
}
