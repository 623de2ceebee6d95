import type { Bus, Delivery, Subscription } from '@soc/bus';
import { Topics, dlqTopic } from '@soc/contracts';
import type { Counter, MetricsRegistry } from '@soc/metrics';
import type { NormalizeEngine } from './engine';
import type { BatchResult, RawItem } from './normalize-batch';

export interface NormalizeDeps {
  bus: Bus;
  engine: NormalizeEngine;
  metrics: MetricsRegistry;
  maxBatchSize?: number;
}

/**
 * Consumes raw records, has the engine map each to one OCSF 1.8.0 event (on this thread or in
 * worker threads) and publishes the results. A record that cannot be mapped, or maps to an
 * event that fails the schema, goes to `dlq.events.raw` with the reason. Messages travel as
 * JSON text between bus and engine: nothing is parsed or serialized twice.
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
    this.subscription = await this.deps.bus.subscribe({
      topic: Topics.rawEvents,
      group: 'normalize',
      decode: 'text',
      handler: (batch) => this.handle(batch),
      maxBatchSize: this.deps.maxBatchSize ?? 1000,
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.deps.engine.close();
  }

  async lag(): Promise<number> {
    return (await this.subscription?.lag()) ?? 0;
  }

  /** Normalizes one batch and publishes it; resolves once the output is durable. */
  async handle(batch: readonly Delivery[]): Promise<void> {
    const items = batch.map((d): RawItem => {
      const item: RawItem = { topic: d.topic, partition: d.partition, offset: d.offset, key: d.key, text: typeof d.value === 'string' ? d.value : JSON.stringify(d.value) };
      if (d.headers !== undefined) item.headers = d.headers;
      return item;
    });
    const result = await this.deps.engine.process(items);
    await Promise.all([
      result.ocsf.length > 0 ? this.deps.bus.publish(Topics.ocsfEvents, result.ocsf) : undefined,
      result.dead.length > 0 ? this.deps.bus.publish(dlqTopic(Topics.rawEvents), result.dead) : undefined,
    ]);
    this.count(result);
  }

  private count(result: BatchResult): void {
    for (const [k, n] of Object.entries(result.normalized)) {
      const [source = '', classUid = ''] = k.split('|');
      this.normalized.inc({ source, class_uid: classUid }, n);
    }
    for (const [k, n] of Object.entries(result.deadLettered)) {
      const [source = '', code = ''] = k.split('|');
      this.deadLettered.inc({ source, code }, n);
    }
  }
}
