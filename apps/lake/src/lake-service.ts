import { type Bus, type Subscription, type ValidDelivery, consumeValidated } from '@soc/bus';
import { type Clock, type Envelope, type OcsfEventPayload, OcsfEventEnvelope, Topics } from '@soc/contracts';
import type { Checkpoint, EventStore, StoredEvent } from '@soc/eventstore';
import type { Counter, MetricsRegistry } from '@soc/metrics';

export interface LakeDeps {
  bus: Bus;
  store: EventStore;
  clock: Clock;
  metrics: MetricsRegistry;
  maxBatchSize?: number;
}

/** Consumer name under which the lake keeps its checkpoints in the event store. */
export const LAKE_CONSUMER = 'lake';

type OcsfDelivery = ValidDelivery<Envelope<OcsfEventPayload>>;

/**
 * Writes normalized events into the event lake, exactly once. The bus position is stored in
 * the same event-store transaction as the events (resumeFrom reads it back), so a crash keeps
 * both or neither; a message normalize published twice carries the same id and the store
 * skips it. Together: every acknowledged event is searchable once.
 */
export class LakeService {
  private subscription: Subscription | undefined;
  private readonly written: Counter;
  private lastWriteAt = 0;

  constructor(private readonly deps: LakeDeps) {
    this.written = deps.metrics.counter('soc_lake_events_written_total', 'Events written to the event lake, by source');
  }

  async start(): Promise<void> {
    const consumer = consumeValidated({
      schema: OcsfEventEnvelope,
      deadLetter: this.deps.bus,
      stage: 'lake',
      clock: this.deps.clock,
      handler: (batch) => this.handle(batch),
    });
    this.subscription = await this.deps.bus.subscribe({
      topic: Topics.ocsfEvents,
      group: LAKE_CONSUMER,
      handler: consumer.handler,
      maxBatchSize: this.deps.maxBatchSize ?? 2000,
      resumeFrom: (topic, partition) => this.deps.store.checkpoint(LAKE_CONSUMER, topic, partition),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  async lag(): Promise<number> {
    return (await this.subscription?.lag()) ?? 0;
  }

  /** When the lake last committed a batch (ms since epoch), for readiness and freshness. */
  get lastWrite(): number {
    return this.lastWriteAt;
  }

  async handle(batch: readonly OcsfDelivery[]): Promise<void> {
    const events: StoredEvent[] = batch.map((d) => ({
      id: d.value.id,
      tenantId: d.value.tenantId,
      time: typeof d.value.payload.event['time'] === 'number' ? d.value.payload.event['time'] : Date.parse(d.value.occurredAt),
      classUid: d.value.payload.classUid,
      source: d.value.payload.source,
      event: d.value.payload.event,
    }));
    const last = new Map<number, Checkpoint>();
    for (const d of batch) last.set(d.partition, { consumer: LAKE_CONSUMER, topic: d.topic, partition: d.partition, nextOffset: d.offset + 1 });
    await this.deps.store.append(events, [...last.values()]);
    for (const e of events) this.written.inc({ source: e.source });
    this.lastWriteAt = this.deps.clock.now();
  }
}
