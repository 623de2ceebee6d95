import { open } from 'node:fs/promises';
import { FRAME_HEADER, frameTimestamp, readFrame } from './record-codec';
import type { Segment } from './segment';

/** What the scan of a partition's last segment found. */
export interface RecoveryResult {
  records: number;
  validBytes: number;
  truncatedBytes: number;
  reason: string | undefined;
}

const CHUNK = 1 << 20;

/**
 * Verifies every frame of the active segment and cuts the file back to the last whole, valid
 * frame. Only the tail can be torn: earlier bytes were fsync'd before any publish resolved,
 * so everything before the first bad frame is kept and everything after it was never
 * acknowledged. Fills the segment's sparse index on the way.
 */
export async function recoverSegment(segment: Segment, fileSize: number, maxPayload: number): Promise<RecoveryResult> {
  const fh = await open(segment.file, 'r+');
  try {
    let pos = 0;
    let records = 0;
    let reason: string | undefined;
    let buf = Buffer.alloc(0);
    let bufStart = 0;
    scan: while (pos < fileSize) {
      const rel = pos - bufStart;
      const frame = readFrame(buf, rel, maxPayload);
      if (frame.kind === 'frame') {
        if (records === 0) segment.firstTimestamp = frameTimestamp(buf, frame.payloadStart);
        segment.noteIndex(segment.baseOffset + records, pos);
        records++;
        pos = bufStart + frame.next;
        continue;
      }
      if (frame.kind === 'corrupt') {
        reason = frame.reason;
        break;
      }
      // Partial: load more from the file unless it has no more to give.
      const want = Math.max(CHUNK, frame.needed);
      if (pos + frame.needed > fileSize) {
        reason = 'incomplete frame at end of file';
        break scan;
      }
      buf = Buffer.allocUnsafe(Math.min(want, fileSize - pos));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      buf = buf.subarray(0, bytesRead);
      bufStart = pos;
      if (bytesRead < FRAME_HEADER) {
        reason = 'short read';
        break;
      }
    }
    const truncatedBytes = fileSize - pos;
    if (truncatedBytes > 0) {
      await fh.truncate(pos);
      await fh.sync();
    }
    segment.size = pos;
    return { records, validBytes: pos, truncatedBytes, reason };
  } finally {
    await fh.close();
  }
}
