import type { LogRecord } from './record-codec';

/** What a cached record holds, counted as the length of its key and value text: a byte a character for the ASCII JSON that dominates (headers are small). */
const sizeOf = (r: LogRecord): number => r.key.length + r.value.length;

/**
 * The most recent records of one partition, in a ring indexed by offset. Consumers that keep
 * up are served from here and never touch the disk. The ring is bounded by record count and by
 * bytes: a count alone must either be large, and hold hundreds of MB of multi-KB events, or be
 * small, and miss whole ingest requests of small records (one request lands in one partition,
 * and 2,000 records of 1 KB overflowed a 1,024-record ring, so the normalizer read half of
 * every request back from disk).
 */
export class TailCache {
  private readonly ring: (LogRecord | undefined)[];
  /** First offset the cache holds (inclusive) and the next offset to be added. */
  private first: number;
  private next: number;
  private bytes = 0;

  constructor(
    capacity: number,
    startOffset: number,
    private readonly maxBytes = Infinity,
  ) {
    this.ring = new Array<LogRecord | undefined>(Math.max(1, capacity));
    this.first = startOffset;
    this.next = startOffset;
  }

  /** Adds the record at the next offset, dropping the oldest ones beyond either bound. */
  push(record: LogRecord): void {
    if (this.next - this.first === this.ring.length) this.dropOldest();
    this.ring[record.offset % this.ring.length] = record;
    this.bytes += sizeOf(record);
    this.next = record.offset + 1;
    // The newest record stays even when it alone is over the byte bound.
    while (this.bytes > this.maxBytes && this.next - this.first > 1) this.dropOldest();
  }

  private dropOldest(): void {
    const slot = this.first % this.ring.length;
    const r = this.ring[slot];
    if (r !== undefined) this.bytes -= sizeOf(r);
    this.ring[slot] = undefined;
    this.first++;
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

  /** Records and bytes held, for tests. */
  get held(): { records: number; bytes: number } {
    return { records: this.next - this.first, bytes: this.bytes };
  }
}
