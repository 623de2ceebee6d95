import { logCorrupt } from '@soc/bus';
import { type LogRecord, decodePayload, readFrame } from './record-codec';
import type { Segment } from './segment';

const CHUNK = 256 * 1024;

/**
 * Reads up to `max` records from `offset` on out of one segment's durable bytes. Starts at the
 * nearest sparse-index entry and extends the index as it scans, so a consumer reading a
 * segment front to back seeks in constant time from then on.
 */
export async function readSegment(segment: Segment, offset: number, max: number, maxPayload: number): Promise<LogRecord[]> {
  let [cur, pos] = segment.seek(offset);
  const out: LogRecord[] = [];
  let want = CHUNK;
  while (out.length < max && pos < segment.size) {
    const buf = await segment.read(pos, want);
    let rel = 0;
    for (;;) {
      const frame = readFrame(buf, rel, maxPayload);
      if (frame.kind === 'corrupt') {
        throw logCorrupt('corrupt record in segment', { file: segment.file, position: pos + rel, reason: frame.reason });
      }
      if (frame.kind === 'partial') {
        // A frame larger than the chunk: read again from it with room for the whole frame.
        if (rel === 0) {
          if (pos + frame.needed > segment.size) throw logCorrupt('truncated record in segment', { file: segment.file, position: pos });
          want = frame.needed;
        }
        break;
      }
      segment.noteIndex(cur, pos + rel);
      if (cur >= offset) out.push(decodePayload(buf, frame.payloadStart, frame.payloadLength, cur));
      cur++;
      rel = frame.next;
      if (out.length >= max) break;
    }
    pos += rel;
    if (rel > 0) want = CHUNK;
  }
  return out;
}
