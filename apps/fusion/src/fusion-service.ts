import { AppliedOffsets, type Bus, type Delivery, type OutgoingMessage, type Subscription, type ValidDelivery, consumeValidated } from '@soc/bus';
import { type AlertPayload, type Clock, type Envelope, AlertEnvelope, Topics, deterministicId } from '@soc/contracts';
import { CASE_UPDATED, type CaseEvent, type CaseSnapshot, type FusionEngine, type IngestResult } from '@soc/fusion';
import type { Logger } from '@soc/logging';
import type { Counter, MetricsRegistry } from '@soc/metrics';
import { CASE_EVENTS_TOPIC, CASE_EVENT_SCHEMA_VERSION, type CaseWriter, FUSION_ACTOR, FUSION_CONSUMER, caseEventKey } from './case-topic';
import { type FusionState, type FusionStateStore, isFusionState } from './fusion-state';

/** Collaborators of the fusion service; wiring builds them (apps/fusion app.ts, later). */
export interface FusionServiceDeps {
  readonly bus: Bus;
  readonly engine: FusionEngine;
  readonly writer: CaseWriter;
  readonly clock: Clock;
  readonly metrics: MetricsRegistry;
  /** Where the engine's memory and the offsets it covers are kept across restarts. */
  readonly state: FusionStateStore;
  readonly log: Pick<Logger, 'warn'>;
  /** How often state is saved while consuming (it is always saved on stop); default 5 s. */
  readonly saveEveryMs?: number;
  /** Alerts per batch; default 500. */
  readonly maxBatchSize?: number;
}

/** What one ingested alert produced, kept until its batch is written and published. */
interface Fused {
  readonly alert: Envelope<AlertPayload>;
  readonly result: IngestResult;
}

/** One absorbed case of a `merged` event: written after its survivor, whose row it points at. */
interface Absorbed {
  readonly tenantId: string;
  readonly caseId: string;
  readonly intoCaseId: string;
  readonly alertId: string;
}

/** Latest snapshot of one case in a batch and the techniques of the alerts that touched it. */
interface PendingCase {
  snapshot: CaseSnapshot;
  readonly techniques: Set<string>;
}

/**
 * Alerts into cases: consumes `alerts.detections` (group `fusion`), feeds the in-memory
 * FusionEngine, writes each touched case's latest snapshot through the CaseWriter, marks the
 * cases a merge absorbed as merged into their survivor (after the survivor is written, so the
 * pointer lands on a stored case), then publishes the case events. Writing first means a
 * consumer of an event can read the case.
 *
 * A failed batch is redelivered; the engine must not see those alerts twice (it would count
 * them as repeats), so the results of a failed batch are kept by envelope id and reused.
 *
 * Restarts: the engine's memory (open cases, dedupe groups, entity rarity) is saved with the
 * offsets it covers, and consumption resumes from those offsets, so alerts after a restart
 * join the cases open before it. Alerts between the last save and a crash are fused again;
 * their case writes and events carry the same ids, so the replay changes nothing stored.
 */
export class FusionService {
  private subscription: Subscription | undefined;
  private readonly retained = new Map<string, Fused>();
  private readonly events: Counter;
  /** `<topic>/<partition>` -> next offset, covering exactly what the engine has seen. */
  private readonly offsets = new AppliedOffsets();
  private lastSave = 0;

  constructor(private readonly deps: FusionServiceDeps) {
    this.events = deps.metrics.counter('soc_fusion_case_events_total', 'Case events published by fusion, by type');
  }

  /** Subscribes to the alert topic; messages failing the alert schema go to its dead-letter topic. */
  async start(): Promise<void> {
    const saved = await this.deps.state.load();
    if (saved !== undefined && !isFusionState(saved)) this.deps.log.warn('fusion state has an unknown shape; starting without it');
    if (saved !== undefined && isFusionState(saved)) {
      this.offsets.restore(saved.offsets);
      this.deps.engine.restore(saved.engine);
    }
    this.lastSave = this.deps.clock.now();
    const consumer = consumeValidated({ schema: AlertEnvelope, deadLetter: this.deps.bus, stage: 'fusion', clock: this.deps.clock, handler: (b) => this.handle(b) });
    this.subscription = await this.deps.bus.subscribe({
      topic: Topics.alerts,
      group: FUSION_CONSUMER,
      handler: (batch) => this.offsets.serialized(() => this.consume(batch, consumer.handler)),
      maxBatchSize: this.deps.maxBatchSize ?? 500,
      resumeFrom: this.offsets.resumeFrom,
    });
  }

  /** Stops consuming after the in-flight batch and saves the engine's state. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.offsets.serialized(() => this.save());
  }

  /** Alerts published but not yet fused. */
  async lag(): Promise<number> {
    return (await this.subscription?.lag()) ?? 0;
  }

  /** Fuses one validated batch in offset order; rejects (and the batch is redelivered) when writing or publishing fails. */
  async handle(batch: readonly ValidDelivery<Envelope<AlertPayload>>[]): Promise<void> {
    const fused = batch.map(({ value }) => this.fuse(value));
    const cases = new Map<string, PendingCase>();
    const absorbed: Absorbed[] = [];
    const messages: OutgoingMessage[] = [];
    for (const { alert, result } of fused) {
      result.events.forEach((event, i) => {
        const key = caseEventKey(event);
        const pending = cases.get(key) ?? { snapshot: event.case, techniques: new Set<string>() };
        pending.snapshot = event.case;
        for (const t of alert.payload.techniques) pending.techniques.add(t.id);
        cases.set(key, pending);
        if (event.type === CASE_UPDATED && event.change === 'merged') {
          for (const id of event.mergedCaseIds) absorbed.push({ tenantId: event.tenantId, caseId: id, intoCaseId: event.caseId, alertId: event.alertId });
        }
        messages.push({ key, value: this.envelope(event, alert, i) });
      });
    }
    for (const c of cases.values()) await this.deps.writer.upsertFromSnapshot(c.snapshot.tenantId, c.snapshot, { techniques: [...c.techniques] });
    for (const m of absorbed) {
      const reason = `fusion merge: alert ${m.alertId} reached the join threshold against cases ${m.intoCaseId} and ${m.caseId}`;
      await this.deps.writer.markMerged(m.tenantId, m.caseId, m.intoCaseId, { actor: FUSION_ACTOR, reason });
    }
    if (messages.length > 0) await this.deps.bus.publish(CASE_EVENTS_TOPIC, messages);
    for (const { alert } of fused) this.retained.delete(alert.id);
    for (const m of messages) this.events.inc({ type: m.value?.type ?? 'unknown' });
  }

  private async consume(batch: readonly Delivery[], validated: (b: readonly Delivery[]) => Promise<void>): Promise<void> {
    await validated(batch);
    this.offsets.applied(batch);
    if (this.deps.clock.now() - this.lastSave >= (this.deps.saveEveryMs ?? 5000)) await this.save();
  }

  private async save(): Promise<void> {
    const state: FusionState = { version: 1, offsets: this.offsets.positions(), engine: this.deps.engine.snapshot(), savedAt: this.deps.clock.now() };
    await this.deps.state.save(state);
    this.lastSave = state.savedAt;
  }

  private fuse(alert: Envelope<AlertPayload>): Fused {
    const kept = this.retained.get(alert.id);
    if (kept) return kept;
    const f: Fused = { alert, result: this.deps.engine.ingest(alert) };
    this.retained.set(alert.id, f);
    return f;
  }

  /** Event ids derive from the alert envelope id, so a republished batch carries the same ids. */
  private envelope(event: CaseEvent, alert: Envelope<AlertPayload>, index: number): Envelope<CaseEvent> {
    const at = new Date(event.at).toISOString();
    return {
      id: deterministicId(alert.tenantId, 'case-event', alert.id, String(index)),
      tenantId: event.tenantId,
      type: event.type,
      schemaVersion: CASE_EVENT_SCHEMA_VERSION,
      occurredAt: at,
      ingestedAt: at,
      traceId: alert.traceId,
      payload: event,
    };
  }
}
