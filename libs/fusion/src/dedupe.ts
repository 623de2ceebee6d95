import { deterministicId } from '@soc/contracts';
import { entityKey } from './entity-key';
import type { EntityRef } from './types';

/** Envelope ids a deduplicated alert remembers: enough to show its evidence, bounded under a flood. */
export const MAX_SOURCE_ALERTS = 20;

/** A run of repeats of one rule on one entity set. */
export interface DedupeGroup {
  readonly alertId: string;
  readonly firstEnvelopeId: string;
  /** Envelope ids folded in, first MAX_SOURCE_ALERTS only (the count keeps counting). */
  readonly envelopeIds: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** Result of offering an alert to the deduper. */
export interface DedupeOutcome {
  readonly duplicate: boolean;
  readonly group: DedupeGroup;
}

/**
 * Folds repeats of one rule on the same entity set, within a window of event time, into one
 * alert with a count and first/last seen. One instance per tenant.
 */
export class Deduper {
  private readonly groups = new Map<string, DedupeGroup>();

  constructor(private readonly windowMs: number) {}

  /**
   * Folds the alert into a live group of the same rule and entity set whose span, widened by
   * the window, overlaps the alert's span (late alerts fold too); otherwise starts a new group.
   * The new group's id derives from tenant, key and envelope id, so replays yield the same id.
   */
  offer(tenantId: string, ruleId: string, entities: readonly EntityRef[], envelopeId: string, firstSeen: number, lastSeen: number): DedupeOutcome {
    const key = `${ruleId}\u0001${entities.map(entityKey).join('\u0001')}`;
    const g = this.groups.get(key);
    if (g && firstSeen - g.lastSeen <= this.windowMs && g.firstSeen - lastSeen <= this.windowMs) {
      g.count += 1;
      if (g.envelopeIds.length < MAX_SOURCE_ALERTS && !g.envelopeIds.includes(envelopeId)) g.envelopeIds.push(envelopeId);
      g.firstSeen = Math.min(g.firstSeen, firstSeen);
      g.lastSeen = Math.max(g.lastSeen, lastSeen);
      return { duplicate: true, group: g };
    }
    const group: DedupeGroup = { alertId: deterministicId(tenantId, 'alert', key, envelopeId), firstEnvelopeId: envelopeId, envelopeIds: [envelopeId], count: 1, firstSeen, lastSeen };
    this.groups.set(key, group);
    return { duplicate: false, group };
  }

  /** Drops groups whose last alert is more than a window before `nowMs`: no repeat can fold into them any more. */
  sweep(nowMs: number): void {
    for (const [key, g] of this.groups) if (nowMs - g.lastSeen > this.windowMs) this.groups.delete(key);
  }

  /** Live groups with their keys, for the engine's snapshot. */
  entries(): [string, DedupeGroup][] {
    return [...this.groups].map(([k, g]) => [k, { ...g, envelopeIds: [...g.envelopeIds] }]);
  }

  /** Replaces the live groups with a snapshot's (see `entries`). */
  restore(entries: readonly (readonly [string, DedupeGroup])[]): void {
    this.groups.clear();
    for (const [k, g] of entries) this.groups.set(k, { ...g, envelopeIds: [...g.envelopeIds] });
  }

  /** Live groups (for tests and metrics). */
  get size(): number {
    return this.groups.size;
  }
}
