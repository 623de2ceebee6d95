import { type Bus, type Delivery, type Subscription, deadLetterFor, decodeValue } from '@soc/bus';
import { type Clock, Topics, dlqTopic } from '@soc/contracts';
import type { Checkpoint, EventStore, LakeMessage } from '@soc/eventstore';
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

/** How much of a rejected message a dead letter keeps. */
const MAX_ORIGINAL_BYTES = 64 * 1024;

/**
 * How long a commit's delay stays the lake's answer to `delay()`. Older, the lake has been
 * idle (nothing to store) or stuck; either way its last delay no longer describes the pipeline.
 */
export const DELAY_FRESH_MS = 2_000;

/**
 * Writes normalized events into the event lake, exactly once. The bus position is stored in
 * the same event-store transaction as the events (resumeFrom reads it back), so a crash keeps
 * both or neither; a message normalize published twice carries the same id and the store
 * skips it. Together: every acknowledged event is searchable once.
 *
 * Messages reach the store as the JSON text the bus holds: the store decodes and checks them
 * where it does its work (the DuckDB worker thread), so this thread, which also serves HTTP
 * and the bus, never parses a normalized event. A message that fails the envelope schema is
 * dead-lettered before the rest of its batch is written, so a crash cannot lose it.
 */
export class LakeService {
  private subscription: Subscription | undefined;
  private readonly written: Counter;
  private readonly rejected: Counter;
  private lastWriteAt = 0;
  /** Ingest-to-stored delay of the last commit's oldest event (ms), and when it committed. */
  private lastDelay: { ms: number; at: number } | undefined;

  constructor(private readonly deps: LakeDeps) {
    this.written = deps.metrics.counter('soc_lake_events_written_total', 'Events written to the event lake, by source');
    this.rejected = deps.metrics.counter('soc_lake_messages_rejected_total', 'Messages the lake dead-lettered because they failed the envelope schema');
    deps.metrics.gauge('soc_lake_ingest_delay_seconds', 'Time from ingest to stored of the oldest event in the last commit', () => (this.lastDelay?.ms ?? 0) / 1000);
  }

  async start(): Promise<void> {
    this.subscription = await this.deps.bus.subscribe({
      topic: Topics.ocsfEvents,
      group: LAKE_CONSUMER,
      decode: 'text',
      handler: (batch) => this.handle(batch),
      maxBatchSize: this.deps.maxBatchSize ?? 2000,
      // The lake owns its positions. A partition it holds none for has nothing stored (a new
      // file, or one whose unsaved appends a crash took, see DuckDB's durability 'checkpoint'),
      // so it is read from the start, never from where the bus group last committed.
      resumeFrom: async (topic, partition) => (await this.deps.store.checkpoint(LAKE_CONSUMER, topic, partition)) ?? 0,
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

  /**
   * How long the oldest event of the last commit took from ingest to stored (ms), if that commit
   * is recent (DELAY_FRESH_MS) and its store reports ingest times: what ingest's admission
   * steers its backlog limit by (DelayTargetLagLimit).
   */
  delay(): number | undefined {
    const d = this.lastDelay;
    return d !== undefined && this.deps.clock.now() - d.at <= DELAY_FRESH_MS ? d.ms : undefined;
  }

  async handle(batch: readonly Delivery[]): Promise<void> {
    const last = new Map<number, Checkpoint>();
    for (const d of batch) last.set(d.partition, { consumer: LAKE_CONSUMER, topic: d.topic, partition: d.partition, nextOffset: d.offset + 1 });
    const checkpoints = [...last.values()];
    let pending = [...batch];
    for (;;) {
      const result = await this.deps.store.appendEncoded(pending.map(messageOf), checkpoints);
      if (result.rejected.length === 0) {
        for (const [source, n] of Object.entries(result.accepted)) this.written.inc({ source }, n);
        const now = this.deps.clock.now();
        this.lastWriteAt = now;
        if (result.oldestIngestedAt !== undefined) this.lastDelay = { ms: Math.max(0, now - result.oldestIngestedAt), at: now };
        return;
      }
      const bad = new Set(result.rejected.map((r) => r.index));
      const dead = result.rejected.map((r) => {
        const d = pending[r.index] as Delivery;
        return deadLetterFor({ ...d, value: decodeValue(textOf(d)) }, 'lake', r.reason, this.deps.clock, MAX_ORIGINAL_BYTES);
      });
      await this.deps.bus.publish(dlqTopic(Topics.ocsfEvents), dead);
      this.rejected.inc({}, dead.length);
      pending = pending.filter((_, i) => !bad.has(i));
    }
  }
}

function textOf(d: Delivery): string {
  return typeof d.value === 'string' ? d.value : JSON.stringify(d.value);
}

/** The message with its headers: a producer's lake hints let the store skip parsing it. */
function messageOf(d: Delivery): LakeMessage {
  return d.headers === undefined ? { text: textOf(d) } : { text: textOf(d), headers: d.headers };
}
