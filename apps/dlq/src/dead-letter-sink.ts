import { type Bus, type Subscription, type ValidDelivery, consumeValidated } from '@soc/bus';
import { type Clock, type DeadLetterPayload, type Envelope, DeadLetterEnvelope, Topics, dlqTopic } from '@soc/contracts';
import type { Counter, MetricsRegistry } from '@soc/metrics';

/** A dead letter as stored for listing through the API. */
export interface DeadLetterRecord {
  id: string;
  tenantId: string;
  stage: string;
  topic: string | null;
  source: string | null;
  code: string;
  reason: string;
  original: unknown;
  originalTruncated: boolean;
  createdAt: Date;
}

/** Port: durable, tenant-scoped storage of dead letters; inserting an existing id is a no-op. */
export interface DeadLetterWriter {
  insertMany(tenantId: string, rows: readonly DeadLetterRecord[]): Promise<void>;
}

/**
 * Topics whose dead letters are kept. A message on a dead-letter topic that fails its own
 * schema is dead-lettered once more (`dlq.dlq.*`); those are kept too, so nothing is dropped.
 */
export const DEAD_LETTER_TOPICS = [
  dlqTopic(Topics.rawEvents),
  dlqTopic(Topics.ocsfEvents),
  dlqTopic(dlqTopic(Topics.rawEvents)),
  dlqTopic(dlqTopic(Topics.ocsfEvents)),
  dlqTopic(Topics.alerts),
  dlqTopic(dlqTopic(Topics.alerts)),
] as const;

/**
 * Persists every dead letter of the pipeline into the state database, per tenant, so the API
 * can list them with their reasons. Ids come from the producers and are deterministic, so a
 * redelivered batch inserts nothing new.
 */
export class DeadLetterSink {
  private readonly subscriptions: Subscription[] = [];
  private readonly stored: Counter;

  constructor(
    private readonly bus: Bus,
    private readonly writer: DeadLetterWriter,
    private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.stored = metrics.counter('soc_dead_letters_total', 'Dead letters kept, by stage and code');
  }

  async start(): Promise<void> {
    for (const topic of DEAD_LETTER_TOPICS) {
      const consumer = consumeValidated({ schema: DeadLetterEnvelope, deadLetter: this.bus, stage: 'dlq', clock: this.clock, handler: (b) => this.handle(b) });
      this.subscriptions.push(await this.bus.subscribe({ topic, group: 'dlq', handler: consumer.handler, maxBatchSize: 1000 }));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
  }

  async handle(batch: readonly ValidDelivery<Envelope<DeadLetterPayload>>[]): Promise<void> {
    const byTenant = new Map<string, DeadLetterRecord[]>();
    for (const { value: env } of batch) {
      const rows = byTenant.get(env.tenantId) ?? [];
      rows.push({
        id: env.id,
        tenantId: env.tenantId,
        stage: env.payload.stage,
        topic: env.payload.topic ?? null,
        source: env.payload.source ?? null,
        code: env.payload.code,
        reason: env.payload.reason,
        original: env.payload.original,
        originalTruncated: env.payload.originalTruncated,
        createdAt: new Date(env.occurredAt),
      });
      byTenant.set(env.tenantId, rows);
    }
    for (const [tenantId, rows] of byTenant) {
      await this.writer.insertMany(tenantId, rows);
      for (const r of rows) this.stored.inc({ stage: r.stage, code: r.code });
    }
  }
}
