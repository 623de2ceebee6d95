import { mkdir } from 'node:fs/promises';
import {
  type Bus,
  type BusLogger,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
  assertValidName,
  busClosed,
  startOrRollBack,
  checkedHeaders,
  encodedValue,
  silentLogger,
  messageInvalid,
  messageTooLarge,
  subscriptionConflict,
} from '@soc/bus';
import { type Clock, systemClock } from '@soc/contracts';
import { acquireDirLock } from './dir-lock';
import { EmbeddedSubscription } from './embedded-subscription';
import { OffsetStore } from './offset-store';
import type { PartitionLogOptions, PendingRecord } from './partition-log';
import { partitionFor } from './partitioner';
import { FRAME_HEADER, MAX_FRAME_KEY_BYTES, encodeFrame } from './record-codec';
import { type RetentionPolicy, type RetentionResult, enforceRetention } from './retention';
import { TopicLog } from './topic-log';

/** Options of {@link EmbeddedBus.open}. */
export interface EmbeddedBusOptions {
  /** Root directory of the log; created if missing. */
  dir: string;
  /** Partitions of a topic created by this bus (existing topics keep theirs). Default 4. */
  partitions?: number;
  /** A segment rolls once the next append would take it past this size. Default 64 MiB. */
  segmentBytes?: number;
  /** Records per partition kept in memory for consumers that keep up. Default 8192. */
  tailCacheRecords?: number;
  /** Characters of key and value text per partition kept in memory; whichever bound is reached first applies. Default 16 Mi. */
  tailCacheBytes?: number;
  /** Largest record payload (key + value JSON). Default 8 MiB. */
  maxRecordBytes?: number;
  retention?: RetentionPolicy;
  clock?: Clock;
  logger?: BusLogger;
}


/**
 * The Bus over a durable append-only log on local disk, for the one-process deployment.
 * Publishes resolve after fdatasync (group-committed per partition file); subscriptions are
 * in-process and notified on append; committed offsets live under `<dir>/_offsets`.
 */
export class EmbeddedBus implements Bus {
  private readonly topics = new Map<string, Promise<TopicLog>>();
  private readonly subscriptions = new Map<string, EmbeddedSubscription>();
  private readonly inflight = new Set<Promise<void>>();
  /** Set when close() begins: no new subscriptions. Publishing stays open until subscriptions have stopped. */
  private closing = false;
  private closed = false;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retentionRun: Promise<unknown> | undefined;

  private constructor(
    private readonly dir: string,
    private readonly partitions: number,
    private readonly logOptions: PartitionLogOptions,
    private readonly retention: RetentionPolicy,
    private readonly unlock: () => Promise<void>,
  ) {}

  /** Opens the log at `opts.dir`; existing topics are recovered when first used. */
  static async open(opts: EmbeddedBusOptions): Promise<EmbeddedBus> {
    const partitions = opts.partitions ?? 4;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) throw new RangeError('partitions must be an integer in 1..1024');
    await mkdir(opts.dir, { recursive: true });
    const unlock = await acquireDirLock(opts.dir);
    const bus = new EmbeddedBus(
      opts.dir,
      partitions,
      {
        segmentBytes: opts.segmentBytes ?? 64 * 1024 * 1024,
        tailCacheRecords: opts.tailCacheRecords ?? 8192,
        tailCacheBytes: opts.tailCacheBytes ?? 16 * 1024 * 1024,
        maxPayload: opts.maxRecordBytes ?? 8 * 1024 * 1024,
        clock: opts.clock ?? systemClock,
        logger: opts.logger ?? silentLogger,
      },
      opts.retention ?? {},
      unlock,
    );
    if (opts.retention?.checkIntervalMs) {
      bus.retentionTimer = setInterval(() => bus.scheduleRetention(), opts.retention.checkIntervalMs);
      bus.retentionTimer.unref();
    }
    return bus;
  }

  /** The topic's log, opened (and recovered) on first use. */
  private topic(name: string): Promise<TopicLog> {
    assertValidName('topic', name);
    let t = this.topics.get(name);
    if (!t) {
      t = TopicLog.open(this.dir, name, this.partitions, this.logOptions);
      this.topics.set(name, t);
      // A failed open must not be cached forever.
      t.catch(() => this.topics.delete(name));
    }
    return t;
  }

  /** Appends the messages; resolves once all are fsync'd. Rejects with SOC_ERR_BUS_CLOSED after close(). */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(busClosed());
    const p = this.doPublish(topic, messages);
    this.inflight.add(p);
    const forget = (): void => void this.inflight.delete(p);
    p.then(forget, forget);
    return p;
  }

  private async doPublish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const log = await this.topic(topic);
    const now = this.logOptions.clock.now();
    const byPartition = new Map<number, PendingRecord[]>();
    for (const m of messages) {
      const value = encodedValue(m);
      if (typeof m.key !== 'string' || value === undefined) throw messageInvalid('message needs a string key and a JSON-serializable value', { topic });
      const keyBytes = Buffer.byteLength(m.key);
      if (keyBytes > MAX_FRAME_KEY_BYTES) throw messageTooLarge(keyBytes, MAX_FRAME_KEY_BYTES);
      const headers = checkedHeaders(m, topic);
      // Sized once, by the encoder: the frame is what must fit (readers refuse a larger payload).
      const frame = encodeFrame(m.key, value, now, headers);
      if (frame.length - FRAME_HEADER > this.logOptions.maxPayload) throw messageTooLarge(frame.length - FRAME_HEADER, this.logOptions.maxPayload);
      const p = partitionFor(m.key, log.partitions.length);
      const list = byPartition.get(p);
      const record: PendingRecord = { frame, key: m.key, value, headers, timestamp: now };
      if (list) list.push(record);
      else byPartition.set(p, [record]);
    }
    await Promise.all([...byPartition].map(([p, records]) => log.partition(p).append(records)));
  }

  /** Starts a group's consumer on a topic. One live subscription per group and topic. */
  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closing) throw busClosed();
    assertValidName('group', options.group);
    const id = `${options.group}\u0000${options.topic}`;
    if (this.subscriptions.has(id)) throw subscriptionConflict(options.group, options.topic);
    const log = await this.topic(options.topic);
    const store = await OffsetStore.open(this.dir, options.group, options.topic);
    const sub = new EmbeddedSubscription(log, options, store, this.logOptions.logger, () => this.subscriptions.delete(id));
    this.subscriptions.set(id, sub);
    return startOrRollBack(sub);
  }

  /** Applies the retention policy to every open topic now. */
  async enforceRetention(): Promise<RetentionResult> {
    const total: RetentionResult = { deletedSegments: 0, deletedBytes: 0 };
    for (const [name, pending] of this.topics) {
      const topic = await pending;
      const live = [...this.subscriptions.entries()].filter(([id]) => id.endsWith(`\u0000${name}`)).map(([, s]) => s.positions());
      const r = await enforceRetention(this.dir, topic, live, this.retention, this.logOptions.clock, this.logOptions.logger);
      total.deletedSegments += r.deletedSegments;
      total.deletedBytes += r.deletedBytes;
    }
    return total;
  }

  private scheduleRetention(): void {
    if (this.closing || this.retentionRun) return;
    this.retentionRun = this.enforceRetention()
      .catch((err: unknown) => this.logOptions.logger.error({ err }, 'bus: retention pass failed'))
      .finally(() => (this.retentionRun = undefined));
  }

  /** Stops subscriptions, waits for in-flight publishes, closes every file. Idempotent. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    // In-flight handlers may still publish (dead letters, the next stage's topic): let them.
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.closed = true;
    await Promise.allSettled([...this.inflight]);
    await this.retentionRun;
    const topics = await Promise.allSettled([...this.topics.values()]);
    await Promise.all(topics.map((t) => (t.status === 'fulfilled' ? t.value.close() : undefined)));
    await this.unlock();
  }
}
