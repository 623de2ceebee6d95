import { AppliedOffsets, type Bus, type Delivery, type Subscription, type ValidDelivery, consumeValidated } from '@soc/bus';
import { type AlertEnvelope, type Clock, type Envelope, type OcsfEventPayload, OcsfEventEnvelope, Topics, deterministicId } from '@soc/contracts';
import type { Logger } from '@soc/logging';
import type { Counter, MetricsRegistry } from '@soc/metrics';
import type { Static } from '@sinclair/typebox';
import type { CorrelationAlert, DetectorRuleHit, SigmaEvent } from '@soc/sigma';
import { type AlertContext, correlationAlertInput, ocsfEvidence, ruleAlertInput } from './alert-inputs';
import { viewsOfNormalized } from './event-views';
import { type AttackResolver, buildAlert } from './finding';
import { type DetectionState, type DetectionStateStore, isDetectionState } from './detection-state';
import { suppressingException } from './exceptions';
import type { TenantDetector, TenantDetectors } from './tenant-detectors';

type OcsfDelivery = ValidDelivery<Envelope<OcsfEventPayload>>;
type Alert = Static<typeof AlertEnvelope>;

export interface DetectionDeps {
  bus: Bus;
  detectors: TenantDetectors;
  state: DetectionStateStore;
  resolveAttack: AttackResolver;
  clock: Clock;
  metrics: MetricsRegistry;
  log: Logger;
  /** How often state is saved while consuming (it is always saved on stop). */
  saveEveryMs?: number;
  /**
   * Live streams: every `everyMs`, a tenant whose newest event time is within `liveWithinMs` of
   * the clock has its correlation time moved to the clock, so windows decided at close (lt, eq,
   * value_avg...) are decided when traffic stops. A stream far behind the clock (a replay of old
   * data) is left on event time alone. Off when unset.
   */
  liveFlush?: { everyMs: number; liveWithinMs: number };
  maxBatchSize?: number;
}

/** Consumer group of the detection service. */
export const DETECTION_CONSUMER = 'detection';

/**
 * Evaluates every normalized event against its tenant's rules and publishes an alert (an OCSF
 * Detection Finding in an alert envelope) per rule hit and per correlation that fires.
 * Batches run one at a time so the correlation state saved with the offsets is exactly the
 * state after those offsets; a replay after a crash raises the same alert ids again, which the
 * alert store absorbs.
 */
export class DetectionService {
  private subscription: Subscription | undefined;
  private readonly offsets = new AppliedOffsets();
  private lastSave = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly events: Counter;
  private readonly alerts: Counter;
  private readonly suppressed: Counter;

  constructor(private readonly deps: DetectionDeps) {
    this.events = deps.metrics.counter('soc_detection_events_total', 'Events evaluated by detection');
    this.alerts = deps.metrics.counter('soc_detection_alerts_total', 'Alerts raised, by kind and level');
    this.suppressed = deps.metrics.counter('soc_detection_alerts_suppressed_total', 'Alerts raised but marked suppressed by an exception');
  }

  async start(): Promise<void> {
    const saved = await this.deps.state.load();
    if (saved !== undefined && !isDetectionState(saved)) this.deps.log.warn('detection state has an unknown shape; starting without it');
    const state = saved !== undefined && isDetectionState(saved) ? saved : undefined;
    if (state) {
      this.offsets.restore(state.offsets);
      this.deps.detectors.restore(state.tenants);
    }
    this.lastSave = this.deps.clock.now();
    const validated = consumeValidated({ schema: OcsfEventEnvelope, deadLetter: this.deps.bus, stage: 'detection', clock: this.deps.clock, handler: (b) => this.detect(b) });
    this.subscription = await this.deps.bus.subscribe({
      topic: Topics.ocsfEvents,
      group: DETECTION_CONSUMER,
      maxBatchSize: this.deps.maxBatchSize ?? 1000,
      handler: (batch) => this.offsets.serialized(() => this.handle(batch, validated.handler)),
      resumeFrom: this.offsets.resumeFrom,
    });
    const live = this.deps.liveFlush;
    if (live) {
      // Unref'd: the timer never keeps the process alive; serialized: never inside a batch.
      this.flushTimer = setInterval(() => void this.offsets.serialized(() => this.flushLiveWindows()).catch((err: unknown) => this.deps.log.error({ err }, 'live window flush failed')), live.everyMs);
      this.flushTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.subscription?.stop();
    await this.offsets.serialized(() => this.save());
  }

  async lag(): Promise<number> {
    return (await this.subscription?.lag()) ?? 0;
  }

  private async handle(batch: readonly Delivery[], validated: (b: readonly Delivery[]) => Promise<void>): Promise<void> {
    await validated(batch);
    this.offsets.applied(batch);
    if (this.deps.clock.now() - this.lastSave >= (this.deps.saveEveryMs ?? 5000)) await this.save();
  }

  private async save(): Promise<void> {
    const state: DetectionState = { version: 1, offsets: this.offsets.positions(), tenants: this.deps.detectors.snapshot(), savedAt: this.deps.clock.now() };
    await this.deps.state.save(state);
    this.lastSave = state.savedAt;
  }

  /**
   * Moves live tenants' correlation time to the clock and publishes what that decides (see
   * `liveFlush`). Runs between batches, never inside one.
   */
  async flushLiveWindows(): Promise<void> {
    const live = this.deps.liveFlush;
    if (!live) return;
    const now = this.deps.clock.now();
    const out: Alert[] = [];
    for (const [tenantId, td] of this.deps.detectors.all()) {
      const wm = td.detector.watermark();
      if (!Number.isFinite(wm) || now <= wm || now - wm > live.liveWithinMs) continue;
      const ctx: AlertContext = { tenantId, eventId: 'unknown', source: 'unknown', traceId: deterministicId('detection-flush', tenantId, String(now)), now };
      for (const c of td.detector.advance(now)) out.push(this.correlationAlert(td, ctx, c));
    }
    await this.publish(out);
  }

  private async publish(out: readonly Alert[]): Promise<void> {
    if (out.length === 0) return;
    await this.deps.bus.publish(Topics.alerts, out.map((a) => ({ key: a.tenantId, value: a })));
    for (const a of out) {
      this.alerts.inc({ kind: a.payload.kind, level: a.payload.level });
      if (a.payload.suppressedBy) this.suppressed.inc({});
    }
  }

  /** Evaluates a batch of valid events and publishes its alerts; resolves once they are durable. */
  async detect(batch: readonly OcsfDelivery[]): Promise<void> {
    const out: Alert[] = [];
    const byTenant = new Map<string, TenantDetector>();
    for (const d of batch) {
      const env = d.value;
      let td = byTenant.get(env.tenantId);
      if (!td) {
        td = await this.deps.detectors.get(env.tenantId);
        byTenant.set(env.tenantId, td);
      }
      const event = env.payload.event;
      const time = typeof event['time'] === 'number' ? event['time'] : Date.parse(env.occurredAt);
      const views = viewsOfNormalized(env.payload.source, event);
      const native = views.native;
      const result = td.detector.evaluate(views, time, env.id);
      this.events.inc({});
      for (const hit of result.hits) if (!hit.silent) out.push(this.ruleAlert(td, env, hit, time, native));
      const ctx: AlertContext = { tenantId: env.tenantId, eventId: env.id, source: env.payload.source, traceId: env.traceId, now: this.deps.clock.now() };
      for (const c of result.correlations) out.push(this.correlationAlert(td, ctx, c));
    }
    await this.publish(out);
  }

  private ruleAlert(td: TenantDetector, env: Envelope<OcsfEventPayload>, hit: DetectorRuleHit, time: number, native: SigmaEvent | undefined): Alert {
    const ctx: AlertContext = { tenantId: env.tenantId, eventId: env.id, source: env.payload.source, traceId: env.traceId, now: this.deps.clock.now() };
    const input = ruleAlertInput(td.rules, ctx, hit, env.payload.event, env.payload.classUid, time);
    const exception = suppressingException(td.exceptions, input.rule.id, [native ? { ocsf: env.payload.event, native } : { ocsf: env.payload.event }], input.now);
    if (exception) input.suppressedBy = exception.id;
    return buildAlert(input, this.deps.resolveAttack);
  }

  private correlationAlert(td: TenantDetector, ctx: AlertContext, c: CorrelationAlert): Alert {
    const input = correlationAlertInput(td.rules, ctx, c);
    const exception = suppressingException(td.exceptions, input.rule.id, ocsfEvidence(c).map((ocsf) => ({ ocsf })), input.now);
    if (exception) input.suppressedBy = exception.id;
    return buildAlert(input, this.deps.resolveAttack);
  }
}
