import { type Bus, type Subscription, type ValidDelivery, consumeValidated } from '@soc/bus';
import { type AlertPayload, type Clock, type Envelope, AlertEnvelope, Topics } from '@soc/contracts';
import type { Counter, MetricsRegistry } from '@soc/metrics';

/** Port: durable, tenant-scoped alert storage; an alert id stored before is not stored twice. */
export interface AlertWriter {
  insertMany(tenantId: string, alerts: readonly Envelope<AlertPayload>[]): Promise<void>;
}

/** Consumer group of the alert store. */
export const ALERT_STORE_CONSUMER = 'alert-store';

/**
 * Stores every alert detection publishes, per tenant, so the API lists them and fusion can
 * read them back. Ids are deterministic, so a redelivered or replayed batch stores nothing new.
 */
export class AlertSink {
  private subscription: Subscription | undefined;
  private readonly stored: Counter;

  constructor(
    private readonly bus: Bus,
    private readonly writer: AlertWriter,
    private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.stored = metrics.counter('soc_alerts_stored_total', 'Alerts written to the alert store, by level');
  }

  async start(): Promise<void> {
    const consumer = consumeValidated({ schema: AlertEnvelope, deadLetter: this.bus, stage: 'alert-store', clock: this.clock, handler: (b) => this.handle(b) });
    this.subscription = await this.bus.subscribe({ topic: Topics.alerts, group: ALERT_STORE_CONSUMER, handler: consumer.handler, maxBatchSize: 500 });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  async lag(): Promise<number> {
    return (await this.subscription?.lag()) ?? 0;
  }

  async handle(batch: readonly ValidDelivery<Envelope<AlertPayload>>[]): Promise<void> {
    const byTenant = new Map<string, Envelope<AlertPayload>[]>();
    for (const { value } of batch) {
      const list = byTenant.get(value.tenantId) ?? [];
      list.push(value);
      byTenant.set(value.tenantId, list);
    }
    for (const [tenantId, alerts] of byTenant) await this.writer.insertMany(tenantId, alerts);
    for (const { value } of batch) this.stored.inc({ level: value.payload.level });
  }
}
