import { type Bus, type OutgoingMessage, type Subscription, type ValidDelivery, consumeValidated } from '@soc/bus';
import {
  type Clock,
  type DeadLetterPayload,
  type Envelope,
  type OcsfEventPayload,
  type RawEventPayload,
  type SourceName,
  MessageTypes,
  RawEventEnvelope,
  Topics,
  deterministicId,
  dlqTopic,
} from '@soc/contracts';
import { ErrorCodes } from '@soc/errors';
import type { Logger } from '@soc/logging';
import type { Counter, MetricsRegistry } from '@soc/metrics';
import type { OcsfEvent, SourceMapper } from '@soc/ocsf';

/** Validates a produced OCSF event against the compiled 1.8.0 schema. */
export type OcsfValidator = (event: unknown) => { valid: true } | { valid: false; errors: string[] };

export interface NormalizeDeps {
  bus: Bus;
  mapperFor: (source: SourceName) => SourceMapper | undefined;
  validate: OcsfValidator;
  clock: Clock;
  log: Logger;
  metrics: MetricsRegistry;
  maxBatchSize?: number;
}

type RawDelivery = ValidDelivery<Envelope<RawEventPayload>>;

/**
 * Consumes raw records, maps each to one OCSF 1.8.0 event and publishes it. A record that
 * cannot be mapped, or maps to an event that fails the schema, goes to `dlq.events.raw` with
 * the reason. Output ids derive from input ids, so a redelivered batch republishes identical
 * messages and the event lake's idempotent append absorbs them.
 */
export class NormalizeService {
  private subscription: Subscription | undefined;
  private readonly normalized: Counter;
  private readonly deadLettered: Counter;

  constructor(private readonly deps: NormalizeDeps) {
    this.normalized = deps.metrics.counter('soc_normalize_events_total', 'Events normalized to OCSF, by source and class');
    this.deadLettered = deps.metrics.counter('soc_normalize_dead_letters_total', 'Records normalize could not map, by source and code');
  }

  async start(): Promise<void> {
    const consumer = consumeValidated({
      schema: RawEventEnvelope,
      deadLetter: this.deps.bus,
      stage: 'normalize',
      clock: this.deps.clock,
      handler: (batch) => this.handle(batch),
    });
    this.subscription = await this.deps.bus.subscribe({
      topic: Topics.rawEvents,
      group: 'normalize',
      handler: consumer.handler,
      maxBatchSize: this.deps.maxBatchSize ?? 1000,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  async lag(): Promise<number> {
    return (await this.subscription?.lag()) ?? 0;
  }

  /** Maps one batch; exposed for tests that drive it without a bus. */
  async handle(batch: readonly RawDelivery[]): Promise<void> {
    const out: OutgoingMessage[] = [];
    const dead: OutgoingMessage[] = [];
    for (const d of batch) {
      const env = d.value;
      const result = this.mapOne(env);
      if ('event' in result) {
        out.push({ key: d.key, value: this.ocsfEnvelope(env, result.event) });
        this.normalized.inc({ source: env.payload.source, class_uid: String(result.event.class_uid) });
      } else {
        dead.push({ key: d.key, value: this.deadLetter(env, result.code, result.reason) });
        this.deadLettered.inc({ source: env.payload.source, code: result.code });
      }
    }
    await Promise.all([
      out.length > 0 ? this.deps.bus.publish(Topics.ocsfEvents, out) : undefined,
      dead.length > 0 ? this.deps.bus.publish(dlqTopic(Topics.rawEvents), dead) : undefined,
    ]);
  }

  private mapOne(env: Envelope<RawEventPayload>): { event: OcsfEvent } | { code: string; reason: string } {
    const mapper = this.deps.mapperFor(env.payload.source);
    if (!mapper) return { code: ErrorCodes.RECORD_UNMAPPABLE, reason: `no mapper for source '${env.payload.source}'` };
    let result;
    try {
      result = mapper.map(env.payload.data, { tenantId: env.tenantId, eventUid: env.id, receivedAt: Date.parse(env.ingestedAt) });
    } catch (err) {
      // A mapper bug must not stall the partition: the record is kept with the reason instead.
      this.deps.log.error({ err, source: env.payload.source, id: env.id }, 'mapper threw');
      return { code: ErrorCodes.RECORD_UNMAPPABLE, reason: `mapper failed: ${(err as Error).message}` };
    }
    if (!result.ok) return { code: result.code, reason: result.reason };
    const check = this.deps.validate(result.event);
    if (!check.valid) return { code: ErrorCodes.RECORD_INVALID_OCSF, reason: `mapped event fails OCSF 1.8.0: ${check.errors.slice(0, 5).join('; ')}` };
    return { event: result.event };
  }

  private ocsfEnvelope(raw: Envelope<RawEventPayload>, event: OcsfEvent): Envelope<OcsfEventPayload> {
    return {
      id: raw.id,
      tenantId: raw.tenantId,
      type: MessageTypes.ocsfEventNormalized,
      schemaVersion: 1,
      occurredAt: new Date(event.time).toISOString(),
      ingestedAt: raw.ingestedAt,
      traceId: raw.traceId,
      payload: { source: raw.payload.source, classUid: event.class_uid, event },
    };
  }

  private deadLetter(raw: Envelope<RawEventPayload>, code: string, reason: string): Envelope<DeadLetterPayload> {
    const now = new Date(this.deps.clock.now()).toISOString();
    return {
      id: deterministicId('normalize', raw.id),
      tenantId: raw.tenantId,
      type: MessageTypes.deadLettered,
      schemaVersion: 1,
      occurredAt: now,
      ingestedAt: raw.ingestedAt,
      traceId: raw.traceId,
      payload: { stage: 'normalize', topic: Topics.rawEvents, source: raw.payload.source, code, reason: reason.slice(0, 2000), original: raw.payload.data, originalTruncated: false },
    };
  }
}
