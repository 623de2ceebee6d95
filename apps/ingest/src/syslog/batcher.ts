import type { Logger } from '@soc/logging';
import type { Counter, MetricsRegistry } from '@soc/metrics';
import type { IngestService } from '../ingest-service';

export interface BatcherOptions {
  tenantId: string;
  maxBatch: number;
  flushMs: number;
  /** Messages held while a flush is in progress; beyond it UDP messages are counted as dropped. */
  maxPending: number;
}

const RETRY_MS = 1000;

/**
 * Groups syslog messages into ingest batches so one fsync covers many messages. Flushes are
 * serialized; while one runs, new messages wait in `pending`, bounded by `maxPending`.
 */
export class SyslogBatcher {
  private pending: { text: string; channel: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly dropped: Counter;
  private readonly flushFailures: Counter;

  constructor(
    private readonly service: IngestService,
    private readonly opts: BatcherOptions,
    private readonly log: Logger,
    metrics: MetricsRegistry,
  ) {
    this.dropped = metrics.counter('soc_syslog_dropped_total', 'Syslog messages dropped because ingest was behind (UDP only), by channel');
    this.flushFailures = metrics.counter('soc_syslog_flush_failures_total', 'Syslog batches that could not be appended');
  }

  /** Whether a new message would be accepted now (TCP pauses its socket when false). */
  get hasRoom(): boolean {
    return this.pending.length < this.opts.maxPending;
  }

  /**
   * Adds a message; returns false (and counts it) when the batcher is full, unless `force`:
   * TCP forces its messages in and pauses its socket instead, so only UDP ever drops.
   */
  add(text: string, channel: string, force = false): boolean {
    if (!this.hasRoom && !force) {
      this.dropped.inc({ channel });
      return false;
    }
    // Records are newline-separated in the batch body, so a message's own newlines are folded.
    this.pending.push({ text: text.replace(/\r?\n/g, ' '), channel });
    if (this.pending.length >= this.opts.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs);
    return true;
  }

  /** Appends everything pending; resolves when it is durable. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.pending.length);
    this.flushing = this.append(batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async append(batch: { text: string; channel: string }[]): Promise<void> {
    const byChannel = new Map<string, string[]>();
    for (const m of batch) byChannel.set(m.channel, [...(byChannel.get(m.channel) ?? []), m.text]);
    for (const [channel, lines] of byChannel) {
      try {
        await this.service.ingest({ tenantId: this.opts.tenantId, source: 'syslog', body: lines.join('\n'), contentType: 'text', channel });
      } catch (err) {
        // Kept, not lost: the messages go back to the front of the queue and are retried.
        this.flushFailures.inc({ channel }, lines.length);
        this.log.error({ err, channel, messages: lines.length }, 'syslog batch append failed; will retry');
        this.pending.unshift(...lines.map((text) => ({ text, channel })));
        this.timer ??= setTimeout(() => void this.flush(), RETRY_MS);
      }
    }
  }

  /** Messages waiting to be appended (kept in memory only, so lost if the process dies). */
  get size(): number {
    return this.pending.length;
  }
}
