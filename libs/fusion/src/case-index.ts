import type { CaseState } from './case-state';
import { entityKey } from './entity-key';
import type { EntityRef, SharedEntity } from './types';

/** An entity of the incoming alert with its current weight. */
export interface WeightedEntity extends SharedEntity {
  readonly key: string;
}

/** A case scored against an alert. */
export interface ScoredCase {
  readonly state: CaseState;
  readonly score: number;
  readonly shared: readonly SharedEntity[];
}

/**
 * Open cases of one tenant, indexed by entity, and the weighted-overlap scoring of an alert
 * against them. Only entities with a positive weight nominate candidates; any shared entity
 * within the window adds its weight to the score.
 */
export class CaseIndex {
  private readonly byEntity = new Map<string, Set<CaseState>>();
  private readonly cases = new Map<string, CaseState>();

  /** Registers a case (or new entities of one) under each of `entities`. */
  add(state: CaseState, entities: readonly EntityRef[]): void {
    this.cases.set(state.caseId, state);
    for (const e of entities) {
      const k = entityKey(e);
      let set = this.byEntity.get(k);
      if (!set) this.byEntity.set(k, (set = new Set()));
      set.add(state);
    }
  }

  /** A case by id, while it is open for joining. */
  get(caseId: string): CaseState | undefined {
    return this.cases.get(caseId);
  }

  /** Open cases in open order. */
  all(): CaseState[] {
    return [...this.cases.values()].sort((a, b) => a.seq - b.seq);
  }

  /**
   * Every case sharing a weighted entity with an alert spanning [firstSeen, lastSeen] within
   * `windowMs`, best first: highest score, ties to the older case.
   */
  scoreAll(entities: readonly WeightedEntity[], firstSeen: number, lastSeen: number, windowMs: number): ScoredCase[] {
    const candidates = new Set<CaseState>();
    for (const e of entities) {
      if (e.weight <= 0) continue;
      for (const c of this.byEntity.get(e.key) ?? []) candidates.add(c);
    }
    const out: ScoredCase[] = [];
    for (const state of candidates) {
      const scored = score(state, entities, firstSeen, lastSeen, windowMs);
      if (scored.shared.length > 0) out.push(scored);
    }
    return out.sort((a, b) => b.score - a.score || a.state.seq - b.state.seq);
  }

  /**
   * The best-scoring case for an alert spanning [firstSeen, lastSeen], or undefined when no
   * case shares a weighted entity within `windowMs`. Ties go to the older case.
   */
  best(entities: readonly WeightedEntity[], firstSeen: number, lastSeen: number, windowMs: number): ScoredCase | undefined {
    return this.scoreAll(entities, firstSeen, lastSeen, windowMs)[0];
  }

  /** Closes a case to joining (it was merged into another). */
  remove(state: CaseState): void {
    if (!this.cases.delete(state.caseId)) return;
    for (const e of state.entityRefs()) {
      const k = entityKey(e);
      const set = this.byEntity.get(k);
      if (!set) continue;
      set.delete(state);
      if (set.size === 0) this.byEntity.delete(k);
    }
  }

  /** Closes cases idle since before `cutoff` (event time of their last alert) to joining. */
  evictIdle(cutoff: number): CaseState[] {
    const gone: CaseState[] = [];
    for (const c of this.cases.values()) if (c.lastSeen < cutoff) gone.push(c);
    if (gone.length === 0) return gone;
    const goneSet = new Set(gone);
    for (const c of gone) this.cases.delete(c.caseId);
    for (const [k, set] of this.byEntity) {
      for (const c of set) if (goneSet.has(c)) set.delete(c);
      if (set.size === 0) this.byEntity.delete(k);
    }
    return gone;
  }
}

function score(state: CaseState, entities: readonly WeightedEntity[], firstSeen: number, lastSeen: number, windowMs: number): ScoredCase {
  let total = 0;
  const shared: SharedEntity[] = [];
  for (const e of entities) {
    const span = state.span(e.key);
    if (!span) continue;
    const gap = Math.max(0, firstSeen - span.last, span.first - lastSeen);
    if (gap > windowMs) continue;
    total += e.weight;
    shared.push({ type: e.type, value: e.value, weight: e.weight, alertFrequency: e.alertFrequency, share: e.share });
  }
  return { state, score: total, shared };
}
