import { type FileHandle, mkdir, open, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clock } from '@soc/contracts';
import { busClosed } from '@soc/bus';
import { fsyncDir } from './durable-fs';
import type { BusLogger, MessageHeaders } from '@soc/bus';
import { recoverSegment } from './partition-recovery';
import { type LogRecord, FRAME_HEADER, frameTimestamp, readFrame } from './record-codec';
import { Segment, parseSegmentName, segmentFileName } from './segment';
import { readSegment } from './segment-reader';
import { TailCache } from './tail-cache';

/** Settings shared by every partition of a bus. */
export interface PartitionLogOptions {
  segmentBytes: number;
  tailCacheRecords: number;
  tailCacheBytes: number;
  maxPayload: number;
  clock: Clock;
  logger: BusLogger;
}

/** One record waiting for the next group commit. */
export interface PendingRecord {
  frame: Buffer;
  key: string;
  value: string;
  headers: MessageHeaders | undefined;
  timestamp: number;
}

interface PendingAppend {
  records: readonly PendingRecord[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The append-only log of one topic partition: a directory of segment files, the last one
 * active. Appends queue and are written by one flush loop, so concurrent publishers share a
 * single write and a single fdatasync (group commit); offsets become visible to readers only
 * once durable.
 */
export class PartitionLog {
  private readonly segments: Segment[];
  private active: FileHandle;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();
  private failure: unknown;
  private closed = false;
  private readonly cache: TailCache;

  private constructor(
    private readonly dir: string,
    segments: Segment[],
    active: FileHandle,
    private next: number,
    private readonly opts: PartitionLogOptions,
  ) {
    this.segments = segments;
    this.active = active;
    this.cache = new TailCache(opts.tailCacheRecords, next, opts.tailCacheBytes);
  }

  /** Opens (creating if needed) the partition directory and recovers its last segment. */
  static async open(dir: string, opts: PartitionLogOptions): Promise<PartitionLog> {
    await mkdir(dir, { recursive: true });
    const bases = (await readdir(dir))
      .map(parseSegmentName)
      .filter((b): b is number => b !== undefined)
      .sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (const base of bases) segments.push(new Segment(dir, base, (await stat(path.join(dir, segmentFileName(base)))).size));
    let next = 0;
    const last = segments[segments.length - 1];
    if (last) {
      const r = await recoverSegment(last, last.size, opts.maxPayload);
      if (r.truncatedBytes > 0) {
        opts.logger.warn({ dir, segment: last.file, truncatedBytes: r.truncatedBytes, reason: r.reason, keptRecords: r.records }, 'bus log: truncated torn or corrupt tail');
      }
      next = last.baseOffset + r.records;
    } else {
      segments.push(new Segment(dir, 0, 0));
    }
    const tail = segments[segments.length - 1] as Segment;
    const fh = await open(tail.file, 'a+');
    if (!last) await fsyncDir(dir);
    return new PartitionLog(dir, segments, fh, next, opts);
  }

  /** Offset the next appended record will get; every offset below it is durable. */
  get nextOffset(): number {
    return this.next;
  }

  /** Oldest offset still on disk (retention moves it forward). */
  get startOffset(): number {
    return this.segments[0]?.baseOffset ?? this.next;
  }

  /** Appends records; resolves once they are fsync'd. */
  append(records: readonly PendingRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(busClosed());
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Registers a callback run after each durable append; returns the unregister function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Up to `max` records from `offset` (which must be within [startOffset, nextOffset)). */
  async read(offset: number, max: number): Promise<LogRecord[]> {
    if (offset >= this.next) return [];
    if (this.cache.has(offset)) return this.cache.slice(offset, max);
    const out: LogRecord[] = [];
    let at = offset;
    while (out.length < max && at < this.next) {
      const seg = this.segmentFor(at);
      if (!seg) break;
      const got = await readSegment(seg, at, max - out.length, this.opts.maxPayload);
      if (got.length === 0) break;
      out.push(...got);
      at = (got[got.length - 1] as LogRecord).offset + 1;
    }
    return out;
  }

  private segmentFor(offset: number): Segment | undefined {
    let found: Segment | undefined;
    for (const s of this.segments) {
      if (s.baseOffset > offset) break;
      found = s;
    }
    return found;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    try {
      let chunk: PendingAppend[] = [];
      let chunkBytes = 0;
      for (const p of batch) {
        const bytes = p.records.reduce((n, r) => n + r.frame.length, 0);
        if (chunk.length > 0 && this.activeSegment.size + chunkBytes + bytes > this.opts.segmentBytes) {
          await this.writeChunk(chunk);
          chunk = [];
          chunkBytes = 0;
        }
        if (this.activeSegment.size > 0 && this.activeSegment.size + bytes > this.opts.segmentBytes) await this.roll();
        chunk.push(p);
        chunkBytes += bytes;
      }
      await this.writeChunk(chunk);
    } catch (err) {
      // The file may now hold a partial write the offsets do not account for: refuse further
      // appends rather than risk misnumbering; reopening recovers and truncates it.
      this.failure = err;
      this.opts.logger.error({ dir: this.dir, err }, 'bus log: append failed; partition is read-only until reopened');
      for (const p of batch) p.reject(err);
      for (const p of this.pending.splice(0)) p.reject(err);
    }
  }

  private get activeSegment(): Segment {
    return this.segments[this.segments.length - 1] as Segment;
  }

  private async writeChunk(chunk: PendingAppend[]): Promise<void> {
    if (chunk.length === 0) return;
    const seg = this.activeSegment;
    const frames: Buffer[] = [];
    for (const p of chunk) for (const r of p.records) frames.push(r.frame);
    const data = Buffer.concat(frames);
    let written = 0;
    while (written < data.length) written += (await this.active.write(data, written, data.length - written)).bytesWritten;
    await this.active.datasync();
    let pos = seg.size;
    for (const p of chunk) {
      for (const r of p.records) {
        seg.noteIndex(this.next, pos);
        if (seg.firstTimestamp === undefined) seg.firstTimestamp = r.timestamp;
        const cached: LogRecord = { offset: this.next, timestamp: r.timestamp, key: r.key, value: r.value };
        if (r.headers !== undefined) cached.headers = r.headers;
        this.cache.push(cached);
        pos += r.frame.length;
        this.next++;
      }
    }
    seg.size = pos;
    for (const p of chunk) p.resolve();
    for (const l of this.listeners) l();
  }

  private async roll(): Promise<void> {
    await this.active.close();
    const seg = new Segment(this.dir, this.next, 0);
    this.active = await open(seg.file, 'a+');
    this.segments.push(seg);
    await fsyncDir(this.dir);
  }

  /** Closed segments with their offset range and bytes, oldest first (retention input). */
  closedSegments(): Array<{ segment: Segment; next: Segment; endOffset: number }> {
    return this.segments.slice(0, -1).map((segment, i) => {
      const next = this.segments[i + 1] as Segment;
      return { segment, next, endOffset: next.baseOffset };
    });
  }

  /** Total bytes on disk for this partition. */
  get bytes(): number {
    return this.segments.reduce((n, s) => n + s.size, 0);
  }

  /** Append time of a segment's first record, read from disk once and then remembered. */
  async firstTimestamp(segment: Segment): Promise<number | undefined> {
    if (segment.firstTimestamp !== undefined || segment.size === 0) return segment.firstTimestamp;
    const buf = await segment.read(0, FRAME_HEADER + 16);
    if (buf.length >= FRAME_HEADER + 8 && readFrame(buf, 0, this.opts.maxPayload).kind !== 'corrupt') {
      segment.firstTimestamp = frameTimestamp(buf, FRAME_HEADER);
    }
    return segment.firstTimestamp;
  }

  /** Deletes the oldest closed segment (retention decided it is safe). */
  async deleteOldest(): Promise<void> {
    if (this.segments.length < 2) return;
    const seg = this.segments.shift() as Segment;
    await seg.delete();
    await fsyncDir(this.dir);
  }

  /** Waits for queued appends, then closes the files. Later appends reject with SOC_ERR_BUS_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.active.close();
    await Promise.all(this.segments.map((s) => s.close()));
    this.listeners.clear();
  }
}
