import { type Bus, type OutgoingMessage, type Subscription, type ValidDelivery, consumeValidated, deadLetterFor } from '@soc/bus';
import { type AlertPayload, type Clock, type Envelope, type OcsfEventPayload, AlertEnvelope, OcsfEventEnvelope, Topics, dlqTopic } from '@soc/contracts';
import { type EntityGraph, GraphBatchBuilder, alertObservation, eventObservation, isWellFormedTenant } from '@soc/graph';
import type { Counter, MetricsRegistry } from '@soc/metrics';

/** Consumer group of the graph service on both topics; also the prefix of its watermark streams. */
export const GRAPH_CONSUMER = 'graph';

/** Collaborators of the graph service; the stack builds them. */
export interface GraphServiceDeps {
  readonly bus: Bus;
  readonly graph: EntityGraph;
  readonly clock: Clock;
  readonly metrics: MetricsRegistry;
  /**
   * Events per batch; default 5,000. A batch folds repeats of an entity or edge into one row
   * (about 0.5 rows per event at 5,000 against 0.8 at 2,000), and rows are what PGlite pays for.
   */
  readonly maxEventBatch?: number;
  /** Alerts per batch; default 500. */
  readonly maxAlertBatch?: number;
}

type Observe<T> = (builder: GraphBatchBuilder, message: T) => void;

const observeEvent: Observe<Envelope<OcsfEventPayload>> = (b, m) => b.observe(eventObservation(m.payload.event, m.payload.source, m.id));
const observeAlert: Observe<Envelope<AlertPayload>> = (b, m) => b.observe(alertObservation(m.payload, m.id));

/**
 * Events and alerts into the entity graph: consumes `events.ocsf` and `alerts.detections`
 * (group `graph`), folds each batch per tenant into one aggregated write, and stores it with
 * the tenant's watermark for that topic partition in one transaction. A redelivered batch
 * (after a crash, a failed write, or a rebalance) skips what a tenant already applied, so
 * counts are exactly-once although delivery is at least once.
 *
 * Messages failing their topic schema, and messages naming a malformed tenant id (the graph
 * could never scope them), go to the topic's dead-letter queue.
 */
export class GraphService {
  private readonly subscriptions: Subscription[] = [];
  /** Last known watermark per tenant and stream, so a steady stream reads it once. */
  private readonly positions = new Map<string, number | null>();
  private readonly messages: Counter;
  private readonly skipped: Counter;

  constructor(private readonly deps: GraphServiceDeps) {
    this.messages = deps.metrics.counter('soc_graph_messages_total', 'Messages folded into the entity graph, by topic');
    this.skipped = deps.metrics.counter('soc_graph_messages_skipped_total', 'Redelivered messages the graph had already applied, by topic');
  }

  /** Subscribes to both topics; invalid messages go to their dead-letter topics. */
  async start(): Promise<void> {
    const { bus, clock } = this.deps;
    const events = consumeValidated({ schema: OcsfEventEnvelope, deadLetter: bus, stage: 'graph', clock, handler: (b) => this.handle(b, observeEvent) });
    const alerts = consumeValidated({ schema: AlertEnvelope, deadLetter: bus, stage: 'graph', clock, handler: (b) => this.handle(b, observeAlert) });
    this.subscriptions.push(await bus.subscribe({ topic: Topics.ocsfEvents, group: GRAPH_CONSUMER, handler: events.handler, maxBatchSize: this.deps.maxEventBatch ?? 5000 }));
    this.subscriptions.push(await bus.subscribe({ topic: Topics.alerts, group: GRAPH_CONSUMER, handler: alerts.handler, maxBatchSize: this.deps.maxAlertBatch ?? 500 }));
  }

  /** Stops consuming after the in-flight batches. */
  async stop(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) await s.stop();
  }

  /** Messages published but not yet in the graph. */
  async lag(): Promise<number> {
    return (await Promise.all(this.subscriptions.map((s) => s.lag()))).reduce((a, b) => a + b, 0);
  }

  /**
   * One validated batch (one topic partition, offset order): per tenant, the messages past its
   * watermark folded into one write with the new watermark. Rejects, and the batch is
   * redelivered, when a write fails; tenants written before the failure skip their share then.
   */
  async handle<T extends Envelope>(batch: readonly ValidDelivery<T>[], observe: Observe<T>): Promise<void> {
    const first = batch[0];
    if (!first) return;
    const stream = `${GRAPH_CONSUMER}/${first.topic}/${first.partition}`;
    const byTenant = new Map<string, ValidDelivery<T>[]>();
    const malformed: OutgoingMessage[] = [];
    for (const d of batch) {
      if (!isWellFormedTenant(d.value.tenantId)) malformed.push(deadLetterFor(d, 'graph', 'tenant id is not well-formed; the graph cannot scope this message', this.deps.clock, 64 * 1024));
      else byTenant.set(d.value.tenantId, [...(byTenant.get(d.value.tenantId) ?? []), d]);
    }
    if (malformed.length > 0) await this.deps.bus.publish(dlqTopic(first.topic), malformed);
    for (const [tenantId, deliveries] of byTenant) await this.write(tenantId, stream, deliveries, observe);
  }

  private async write<T extends Envelope>(tenantId: string, stream: string, deliveries: readonly ValidDelivery<T>[], observe: Observe<T>): Promise<void> {
    const key = `${tenantId}\u0000${stream}`;
    if (!this.positions.has(key)) this.positions.set(key, await this.deps.graph.watermark(tenantId, stream));
    const expected = this.positions.get(key) ?? null;
    const fresh = expected === null ? deliveries : deliveries.filter((d) => d.offset > expected);
    const topic = deliveries[0]?.topic ?? '';
    if (fresh.length < deliveries.length) this.skipped.inc({ topic }, deliveries.length - fresh.length);
    const last = fresh[fresh.length - 1];
    if (!last) return;
    const builder = new GraphBatchBuilder();
    for (const d of fresh) observe(builder, d.value);
    // Nothing to add: leaving the watermark behind is harmless (these messages add nothing on a replay either).
    if (builder.size > 0) {
      try {
        await this.deps.graph.upsert(tenantId, builder.build(), { watermark: { stream, expected, next: last.offset } });
        this.positions.set(key, last.offset);
      } catch (err) {
        // Unknown now (a conflict means another writer moved it): the redelivery reads it again.
        this.positions.delete(key);
        throw err;
      }
    }
    this.messages.inc({ topic }, fresh.length);
  }
}
