import { type FileHandle, open, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/** Records between two entries of a segment's sparse offset index. */
export const INDEX_INTERVAL = 64;

/** Segment file name: the 20-digit zero-padded base offset, so names sort like offsets. */
export const segmentFileName = (baseOffset: number): string => `${String(baseOffset).padStart(20, '0')}.log`;

/** Parses a segment file name back to its base offset, or undefined for other files. */
export function parseSegmentName(name: string): number | undefined {
  const m = /^(\d{20})\.log$/.exec(name);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * One segment file of a partition. `size` is the number of durable (fsync'd) bytes: readers
 * never look past it, so a consumer cannot see a record that a crash could still take back.
 */
export class Segment {
  readonly file: string;
  /** Sparse index of [offset, byte position] pairs, ascending; grown as the segment is read or written. */
  readonly index: Array<[number, number]> = [];
  private reader: FileHandle | undefined;
  private readerOpening: Promise<FileHandle> | undefined;
  /** Append time of the first record, once known (retention ages a segment by its successor's first record). */
  firstTimestamp: number | undefined;

  constructor(
    dir: string,
    readonly baseOffset: number,
    public size: number,
  ) {
    this.file = path.join(dir, segmentFileName(baseOffset));
  }

  /** Records a known (offset, position) pair when it extends the index at the sampling interval. */
  noteIndex(offset: number, position: number): void {
    if ((offset - this.baseOffset) % INDEX_INTERVAL !== 0) return;
    const last = this.index[this.index.length - 1];
    if (last === undefined || offset > last[0]) this.index.push([offset, position]);
  }

  /** Nearest indexed position at or before `offset` (the segment start when none is). */
  seek(offset: number): [number, number] {
    let lo = 0;
    let hi = this.index.length - 1;
    let best: [number, number] = [this.baseOffset, 0];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = this.index[mid];
      if (entry === undefined) break;
      if (entry[0] <= offset) {
        best = entry;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** Reads up to `length` durable bytes at `position`. */
  async read(position: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.size - position));
    const buf = Buffer.allocUnsafe(n);
    if (n === 0) return buf;
    const fh = await this.readHandle();
    const { bytesRead } = await fh.read(buf, 0, n, position);
    return buf.subarray(0, bytesRead);
  }

  private readHandle(): Promise<FileHandle> {
    if (this.reader) return Promise.resolve(this.reader);
    this.readerOpening ??= open(this.file, 'r').then((fh) => (this.reader = fh));
    return this.readerOpening;
  }

  /** Closes the read handle, if one was opened. */
  async close(): Promise<void> {
    const opening = this.readerOpening;
    this.reader = undefined;
    this.readerOpening = undefined;
    if (opening) await (await opening).close();
  }

  /** Closes and removes the file (retention). */
  async delete(): Promise<void> {
    await this.close();
    await unlink(this.file);
  }
}
