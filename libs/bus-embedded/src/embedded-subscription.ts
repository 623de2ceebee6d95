import { type Delivery, type SubscribeOptions, type Subscription, decodeValue } from '@soc/bus';
import type { BusLogger } from '@soc/bus';
import type { OffsetStore } from './offset-store';
import type { TopicLog } from './topic-log';

/** Per-partition consumer state: the next offset to deliver (= committed offset) and wake-ups. */
interface PartitionState {
  position: number;
  wake: (() => void) | undefined;
  /** Ends a retry sleep early; only stop() calls it, so new data does not cut a back-off short. */
  cancelSleep: (() => void) | undefined;
  loop: Promise<void> | undefined;
  unlisten: () => void;
}

const DEFAULT_BATCH = 500;
const DEFAULT_RETRY_MS = 1000;

/**
 * One group's subscription to one topic: a loop per partition that sleeps until the log
 * signals an append (no polling), delivers batches in offset order and commits after the
 * handler resolves. A rejected batch is redelivered from the same offset after the retry delay.
 */
export class EmbeddedSubscription implements Subscription {
  private running = true;
  private readonly state: PartitionState[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly topic: TopicLog,
    private readonly opts: SubscribeOptions,
    private readonly store: OffsetStore,
    private readonly logger: BusLogger,
    private readonly onStopped: () => void,
  ) {}

  /** Resolves start positions (resumeFrom, else committed, else the log start) and starts the loops. */
  async start(): Promise<void> {
    const { topic: name, resumeFrom } = this.opts;
    const initial: Array<Promise<void>> = [];
    for (let p = 0; p < this.topic.partitions.length; p++) {
      const log = this.topic.partition(p);
      const resumed = resumeFrom ? await resumeFrom(name, p) : undefined;
      const stored = this.store.get(p);
      let position = resumed ?? stored ?? log.startOffset;
      if (position < log.startOffset) {
        this.logger.warn({ topic: name, group: this.opts.group, partition: p, wanted: position, startOffset: log.startOffset }, 'bus: start offset no longer on disk; starting at the oldest record');
        position = log.startOffset;
      }
      position = Math.min(position, log.nextOffset);
      // Writing the start position registers the group, so retention keeps what it has not read.
      if (stored === undefined || resumed !== undefined) initial.push(this.store.commit(p, position));
      const st: PartitionState = { position, wake: undefined, cancelSleep: undefined, loop: undefined, unlisten: () => undefined };
      st.unlisten = log.onAppend(() => st.wake?.());
      this.state.push(st);
    }
    await Promise.all(initial);
    this.state.forEach((st, p) => (st.loop = this.run(p, st)));
  }

  private async run(p: number, st: PartitionState): Promise<void> {
    const log = this.topic.partition(p);
    const max = this.opts.maxBatchSize ?? DEFAULT_BATCH;
    while (this.running) {
      if (st.position >= log.nextOffset) {
        await new Promise<void>((resolve) => (st.wake = resolve));
        st.wake = undefined;
        continue;
      }
      if (st.position < log.startOffset) st.position = log.startOffset;
      let batch: Delivery[];
      try {
        const records = await log.read(st.position, max);
        const text = this.opts.decode === 'text';
        batch = records.map((r) => {
          const d: Delivery = { topic: this.topic.name, partition: p, offset: r.offset, key: r.key, value: text ? r.value : decodeValue(r.value) };
          if (r.headers !== undefined) d.headers = r.headers;
          return d;
        });
      } catch (err) {
        this.logger.error({ err, topic: this.topic.name, partition: p, offset: st.position }, 'bus: read failed; retrying');
        await this.sleep(st);
        continue;
      }
      if (batch.length === 0) continue;
      if (await this.deliver(p, st, batch)) this.commit(p, st, (batch[batch.length - 1] as Delivery).offset + 1);
    }
  }

  private async deliver(p: number, st: PartitionState, batch: Delivery[]): Promise<boolean> {
    try {
      await this.opts.handler(batch);
      return true;
    } catch (err) {
      this.logger.warn(
        { err, topic: this.topic.name, group: this.opts.group, partition: p, offset: batch[0]?.offset },
        'bus: handler rejected; batch will be redelivered',
      );
      await this.sleep(st);
      return false;
    }
  }

  /**
   * Advances the position and saves it in the background: the next batch does not wait for
   * the offset file's fsync. Saves coalesce in the OffsetStore and stop() flushes them. If a
   * crash beats the save, the batch is redelivered, which at-least-once consumers tolerate;
   * the same holds when a save fails, so consuming goes on rather than stalling the partition.
   */
  private commit(p: number, st: PartitionState, next: number): void {
    st.position = next;
    this.store.commit(p, next).catch((err: unknown) => {
      this.logger.error({ err, topic: this.topic.name, group: this.opts.group, partition: p }, 'bus: offset commit failed');
    });
  }

  private sleep(st: PartitionState): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        st.cancelSleep = undefined;
        resolve();
      }, this.opts.retryDelayMs ?? DEFAULT_RETRY_MS);
      st.cancelSleep = () => {
        clearTimeout(timer);
        st.cancelSleep = undefined;
        resolve();
      };
    });
  }

  /** Committed position of each partition (retention must not delete past the minimum). */
  positions(): readonly number[] {
    return this.state.map((s) => s.position);
  }

  /** Records published but not yet committed by this group. */
  async lag(): Promise<number> {
    return this.state.reduce((n, st, p) => n + Math.max(0, this.topic.partition(p).nextOffset - st.position), 0);
  }

  /** Stops the loops after the in-flight batch has been handled and committed. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    this.running = false;
    for (const st of this.state) {
      st.wake?.();
      st.cancelSleep?.();
    }
    await Promise.all(this.state.map((st) => st.loop));
    for (const st of this.state) st.unlisten();
    await this.store.flush();
    this.onStopped();
  }
}
