import type { LogRecord } from './record-codec';

/**
 * The most recent records of one partition, in a ring indexed by offset. Consumers that keep
 * up are served from here and never touch the disk; the ring is bounded by record count.
 */
export class TailCache {
  private readonly ring: (LogRecord | undefined)[];
  /** First offset the cache holds (inclusive) and the next offset to be added. */
  private first: number;
  private next: number;

  constructor(
    private readonly capacity: number,
    startOffset: number,
  ) {
    this.ring = new Array<LogRecord | undefined>(Math.max(1, capacity));
    this.first = startOffset;
    this.next = startOffset;
  }

  /** Adds the record at the next offset. */
  push(record: LogRecord): void {
    this.ring[record.offset % this.ring.length] = record;
    this.next = record.offset + 1;
    if (this.next - this.first > this.ring.length) this.first = this.next - this.ring.length;
  }

  /** True when `offset` can be served from memory. */
  has(offset: number): boolean {
    return offset >= this.first && offset < this.next;
  }

  /** Up to `max` cached records from `offset` on. */
  slice(offset: number, max: number): LogRecord[] {
    const out: LogRecord[] = [];
    const end = Math.min(this.next, offset + max);
    for (let o = offset; o < end; o++) {
      const r = this.ring[o % this.ring.length];
      if (r === undefined) break;
      out.push(r);
    }
    return out;
  }
}
