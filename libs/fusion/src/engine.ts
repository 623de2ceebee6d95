import type { AlertPayload, Clock, Envelope } from '@soc/contracts';
import { deterministicId } from '@soc/contracts';
import { CaseIndex, type ScoredCase, type WeightedEntity } from './case-index';
import { CaseState } from './case-state';
import { type FusionConfig, resolveFusionConfig } from './config';
import { Deduper, type DedupeGroup } from './dedupe';
import type { FusionEngineSnapshot, FusionTenantSnapshot } from './engine-snapshot';
import { distinctEntities, entityKey } from './entity-key';
import { EntityRarity } from './rarity';
import { orderTactics } from './severity';
import { CASE_OPENED, CASE_UPDATED, type CaseEvent, type CaseMerge, type CaseSnapshot, type EntityRef, type IngestResult, type JoinReason } from './types';

/** Options of a fusion engine: the clock (required: no hidden time) and config overrides. */
export interface FusionEngineOptions {
  readonly clock: Clock;
  readonly config?: Partial<FusionConfig>;
}

interface TenantState {
  readonly deduper: Deduper;
  readonly rarity: EntityRarity;
  readonly cases: CaseIndex;
  /** Deduplicated alert id -> case id, while the dedupe group may still take repeats. */
  readonly alertCase: Map<string, string>;
  seq: number;
}

/**
 * Alert fusion, in memory and without I/O: deduplicates alerts, groups them into cases by
 * rarity-weighted shared entities, keeps each case's timeline, tactics and severity, and
 * returns case opened/updated events for the caller to publish.
 *
 * Time: join and dedupe windows compare alerts' own event times (so a replay groups like the
 * live run); the injected clock drives rarity decay, eviction of idle state and event stamps.
 * A replaying caller should drive the clock with the replayed alerts' times.
 */
export class FusionEngine {
  private readonly tenants = new Map<string, TenantState>();
  private readonly config: FusionConfig;
  private readonly clock: Clock;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(options: FusionEngineOptions) {
    this.clock = options.clock;
    this.config = resolveFusionConfig(options.config);
  }

  /** Fuses one alert; deterministic for the same alerts, order and clock readings. */
  ingest(alert: Envelope<AlertPayload>): IngestResult {
    const now = this.clock.now();
    this.maybeSweep(now);
    const p = alert.payload;
    const entities = distinctEntities(p.entities);
    const t = this.tenant(alert.tenantId);
    if (p.suppressedBy !== undefined) {
      return { status: 'suppressed', alertId: deterministicId(alert.tenantId, 'suppressed', alert.id), events: [] };
    }
    const d = t.deduper.offer(alert.tenantId, p.ruleId, entities, alert.id, p.firstSeen, p.lastSeen);
    const caseId = d.duplicate ? t.alertCase.get(d.group.alertId) : undefined;
    const open = caseId === undefined ? undefined : t.cases.get(caseId);
    if (open) return { status: 'duplicate', alertId: d.group.alertId, caseId: open.caseId, events: [repeatEvent(open, d.group, now)] };
    return this.fuseNew(alert, entities, d.group, t, now);
  }

  /** Snapshot of an open case, or undefined (unknown or evicted). */
  case(tenantId: string, caseId: string): CaseSnapshot | undefined {
    return this.tenants.get(tenantId)?.cases.get(caseId)?.snapshot();
  }

  /** Snapshots of a tenant's open cases, oldest first. */
  cases(tenantId: string): CaseSnapshot[] {
    return (this.tenants.get(tenantId)?.cases.all() ?? []).map((c) => c.snapshot());
  }

  /** Everything the engine remembers, as plain JSON (see FusionEngineSnapshot). */
  snapshot(): FusionEngineSnapshot {
    const tenants: Record<string, FusionTenantSnapshot> = {};
    for (const [id, t] of this.tenants) {
      tenants[id] = {
        seq: t.seq,
        dedupe: t.deduper.entries(),
        rarity: t.rarity.snapshot(),
        cases: t.cases.all().map((c) => ({ seq: c.seq, case: c.snapshot() })),
        alertCase: [...t.alertCase],
      };
    }
    return { version: 1, tenants };
  }

  /** Replaces the engine's memory with a snapshot's, as after `snapshot()` on the engine that took it. */
  restore(s: FusionEngineSnapshot): void {
    this.tenants.clear();
    for (const [id, snap] of Object.entries(s.tenants)) {
      const t = this.tenant(id);
      t.seq = snap.seq;
      t.deduper.restore(snap.dedupe);
      t.rarity.restore(snap.rarity);
      for (const c of snap.cases) {
        const state = CaseState.fromSnapshot(c.case, c.seq);
        t.cases.add(state, state.entityRefs());
      }
      for (const [alertId, caseId] of snap.alertCase) t.alertCase.set(alertId, caseId);
    }
  }

  /** Current grouping weight of an entity for a tenant (type weight x rarity), for explanation and tests. */
  entityWeight(tenantId: string, entity: EntityRef): number {
    return this.tenant(tenantId).rarity.weigh(entity, this.clock.now()).weight;
  }

  /** Drops idle state now: dedupe groups past their window, cases idle past the join window, faded counters. */
  sweep(): void {
    this.lastSweep = this.clock.now();
    const now = this.lastSweep;
    const caseCutoff = now - Math.max(this.config.joinWindowMs, this.config.dedupeWindowMs);
    for (const t of this.tenants.values()) {
      t.deduper.sweep(now);
      t.rarity.sweep(now);
      const gone = new Set(t.cases.evictIdle(caseCutoff).map((c) => c.caseId));
      if (gone.size > 0) for (const [a, c] of t.alertCase) if (gone.has(c)) t.alertCase.delete(a);
    }
  }

  private fuseNew(alert: Envelope<AlertPayload>, entities: EntityRef[], group: DedupeGroup, t: TenantState, now: number): IngestResult {
    const p = alert.payload;
    const weighted: WeightedEntity[] = entities.map((e) => ({ ...e, key: entityKey(e), ...t.rarity.weigh(e, now) }));
    t.rarity.observe(entities, now);
    const scored = t.cases.scoreAll(weighted, group.firstSeen, group.lastSeen, this.config.joinWindowMs);
    const threshold = this.config.joinThreshold;
    const best = scored[0];
    const qualifying = scored.filter((c) => c.score >= threshold);
    const joins = best !== undefined && qualifying.length > 0;
    const reason: JoinReason = joins
      ? { kind: 'joined', score: best.score, threshold, shared: best.shared }
      : { kind: 'opened', threshold, ...(best ? { bestCandidate: { caseId: best.state.caseId, score: best.score, shared: best.shared } } : {}) };
    // With several qualifying cases the alert lands in the oldest, which then absorbs the rest.
    const merging = this.config.mergeBridgedCases ? qualifying : qualifying.slice(0, 1);
    const survivor = merging.reduce<ScoredCase | undefined>((old, c) => (old === undefined || c.state.seq < old.state.seq ? c : old), undefined);
    const state = survivor ? survivor.state : new CaseState(deterministicId(alert.tenantId, 'case', group.alertId), alert.tenantId, t.seq++, now);
    const delta = state.add(
      {
        alertId: group.alertId,
        firstEnvelopeId: group.firstEnvelopeId,
        sourceAlertIds: [...group.envelopeIds],
        ruleId: p.ruleId,
        ruleTitle: p.ruleTitle,
        level: p.level,
        count: group.count,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        tactics: orderTactics(p.tactics.map((x) => x.shortname)),
        entities,
        reason,
      },
      now,
    );
    t.cases.add(state, entities);
    t.alertCase.set(group.alertId, state.caseId);
    const base = { tenantId: alert.tenantId, caseId: state.caseId, at: now, alertId: group.alertId, case: state.snapshot() };
    const event: CaseEvent = joins
      ? { type: CASE_UPDATED, ...base, change: 'alert-joined', severityFrom: delta.severityFrom, newTactics: orderTactics(delta.newTactics) }
      : { type: CASE_OPENED, ...base };
    const absorbed = merging.filter((c) => c.state !== state);
    const events = absorbed.length > 0 ? [event, mergeCases(t, state, absorbed, group.alertId, threshold, now)] : [event];
    return { status: 'new', alertId: group.alertId, caseId: state.caseId, events };
  }

  private tenant(tenantId: string): TenantState {
    let t = this.tenants.get(tenantId);
    if (!t) {
      t = { deduper: new Deduper(this.config.dedupeWindowMs), rarity: new EntityRarity(this.config), cases: new CaseIndex(), alertCase: new Map(), seq: 0 };
      this.tenants.set(tenantId, t);
    }
    return t;
  }

  private maybeSweep(now: number): void {
    if (now - this.lastSweep >= this.config.sweepIntervalMs) this.sweep();
  }
}

function repeatEvent(state: CaseState, group: DedupeGroup, now: number): CaseEvent {
  const delta = state.repeat(group, now);
  return {
    type: CASE_UPDATED,
    tenantId: state.tenantId,
    caseId: state.caseId,
    at: now,
    alertId: group.alertId,
    change: 'alert-repeated',
    severityFrom: delta.severityFrom,
    newTactics: [],
    case: state.snapshot(),
  };
}

/**
 * Folds `absorbed` (cases the alert `alertId` also reached the threshold against) into
 * `survivor`, in score order, closes them to joining and points their alerts at the survivor
 * so repeats of those alerts land there. Returns the `merged` update event.
 */
function mergeCases(t: TenantState, survivor: CaseState, absorbed: readonly ScoredCase[], alertId: string, threshold: number, now: number): CaseEvent {
  const before = survivor.snapshot();
  const newTactics = new Set<string>();
  for (const c of absorbed) {
    const merge: CaseMerge = { caseId: c.state.caseId, alertId, at: now, score: c.score, threshold, shared: c.shared };
    for (const tac of survivor.absorb(c.state, merge, now).newTactics) newTactics.add(tac);
    t.cases.remove(c.state);
    t.cases.add(survivor, c.state.entityRefs());
    for (const id of c.state.alertIds()) t.alertCase.set(id, survivor.caseId);
  }
  return {
    type: CASE_UPDATED,
    tenantId: survivor.tenantId,
    caseId: survivor.caseId,
    at: now,
    alertId,
    change: 'merged',
    mergedCaseIds: absorbed.map((c) => c.state.caseId),
    severityFrom: before.severity,
    newTactics: orderTactics(newTactics),
    case: survivor.snapshot(),
  };
}
