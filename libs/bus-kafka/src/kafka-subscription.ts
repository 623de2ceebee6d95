import { type BusLogger, type Delivery, type MessageHeaders, type SubscribeOptions, type Subscription, decodeValue } from '@soc/bus';
import type { Admin, Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';

/**
 * Kafka headers as the port's string map: kafkajs hands values over as Buffers and a name may
 * repeat (an array); the port keeps one string per name, the last one written.
 */
function stringHeaders(h: IHeaders | undefined): MessageHeaders | undefined {
  if (h === undefined) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [name, v] of Object.entries(h)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last === undefined) continue;
    out[name] = typeof last === 'string' ? last : last.toString('utf8');
    any = true;
  }
  return any ? out : undefined;
}

const DEFAULT_BATCH = 500;
const DEFAULT_RETRY_MS = 1000;

/**
 * One kafkajs consumer (one group member) for one topic. Offsets are resolved and committed
 * only after the handler resolves (autoCommit off, eachBatchAutoResolve off); a rejected
 * batch is retried in place after the delay, heartbeating meanwhile, so order holds and the
 * partition is not given up. `resumeFrom` is applied by seeking on the first batch of each
 * assignment.
 */
export class KafkaSubscription implements Subscription {
  /** Resume offsets per partition for the current assignment; cleared on every group join. */
  private resume = new Map<number, Promise<number | undefined>>();
  private readonly resumed = new Set<number>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly admin: () => Promise<Admin>,
    private readonly opts: SubscribeOptions,
    private readonly logger: BusLogger,
    private readonly onStopped: () => void,
  ) {}

  /** Subscribes from the beginning for a group with no commits, and starts the run loop. */
  async start(): Promise<void> {
    await this.consumer.connect();
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.resume = new Map();
      this.resumed.clear();
    });
    await this.consumer.subscribe({ topics: [this.opts.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  private resumeOffset(partition: number): Promise<number | undefined> {
    const { resumeFrom, topic } = this.opts;
    if (!resumeFrom || this.resumed.has(partition)) return Promise.resolve(undefined);
    let p = this.resume.get(partition);
    if (!p) {
      p = resumeFrom(topic, partition);
      this.resume.set(partition, p);
    }
    return p;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const resume = await this.resumeOffset(batch.partition);
    if (resume !== undefined) {
      this.resumed.add(batch.partition);
      if (batch.firstOffset() !== String(resume)) {
        this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: String(resume) });
        return;
      }
    }
    const max = this.opts.maxBatchSize ?? DEFAULT_BATCH;
    for (let i = 0; i < batch.messages.length; i += max) {
      const chunk = batch.messages.slice(i, i + max);
      if (!(await this.deliver(payload, chunk))) return;
      const last = chunk[chunk.length - 1] as KafkaMessage;
      payload.resolveOffset(last.offset);
      await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
      await payload.heartbeat();
    }
  }

  /** Calls the handler until it resolves; false when the consumer stopped or lost the partition first. */
  private async deliver(payload: EachBatchPayload, messages: KafkaMessage[]): Promise<boolean> {
    const { topic, partition } = payload.batch;
    const deliveries: Delivery[] = messages.map((m) => {
      const d: Delivery = {
        topic,
        partition,
        offset: Number(m.offset),
        key: m.key?.toString('utf8') ?? '',
        value: m.value === null ? null : this.opts.decode === 'text' ? m.value.toString('utf8') : decodeValue(m.value.toString('utf8')),
      };
      const headers = stringHeaders(m.headers);
      if (headers !== undefined) d.headers = headers;
      return d;
    });
    for (;;) {
      if (!payload.isRunning() || payload.isStale()) return false;
      try {
        await this.opts.handler(deliveries);
        return true;
      } catch (err) {
        this.logger.warn({ err, topic, partition, group: this.opts.group, offset: deliveries[0]?.offset }, 'bus: handler rejected; batch will be redelivered');
        await this.backoff(payload);
      }
    }
  }

  private async backoff(payload: EachBatchPayload): Promise<void> {
    const until = Date.now() + (this.opts.retryDelayMs ?? DEFAULT_RETRY_MS);
    while (Date.now() < until && payload.isRunning()) {
      await new Promise((r) => setTimeout(r, Math.min(250, until - Date.now())));
      await payload.heartbeat();
    }
  }

  /** Committed-to-high-watermark distance summed over partitions (a group with no commit counts from the low watermark). */
  async lag(): Promise<number> {
    const admin = await this.admin();
    const [ends, groups] = await Promise.all([
      admin.fetchTopicOffsets(this.opts.topic),
      admin.fetchOffsets({ groupId: this.opts.group, topics: [this.opts.topic] }),
    ]);
    const committed = new Map((groups[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((n, e) => {
      const c = committed.get(e.partition) ?? -1;
      return n + Math.max(0, Number(e.high) - (c < 0 ? Number(e.low) : c));
    }, 0);
  }

  /** Disconnects the consumer; kafkajs lets the in-flight batch finish first. */
  stop(): Promise<void> {
    this.stopping ??= this.consumer.disconnect().finally(() => this.onStopped());
    return this.stopping;
  }
}
