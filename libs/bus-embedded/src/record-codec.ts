import { crc32 } from './crc32';

/**
 * On-disk record frame:
 *   [u32 payload length][u32 crc32(payload)][payload]
 *   payload = [f64 append time ms][u16 key length][key utf8][value JSON utf8]
 * The offset is not stored: it is the segment's base offset plus the record's index, so a
 * frame never needs rewriting. The append time drives age-based retention.
 */
export const FRAME_HEADER = 8;
const PAYLOAD_FIXED = 10;

/** A decoded record. `value` stays JSON text until a consumer needs it. */
export interface LogRecord {
  offset: number;
  timestamp: number;
  key: string;
  value: string;
}

/** Encodes one record into a complete frame. */
export function encodeFrame(key: string, valueJson: string, timestamp: number): Buffer {
  const keyLen = Buffer.byteLength(key);
  const valueLen = Buffer.byteLength(valueJson);
  const payloadLen = PAYLOAD_FIXED + keyLen + valueLen;
  const buf = Buffer.allocUnsafe(FRAME_HEADER + payloadLen);
  buf.writeUInt32LE(payloadLen, 0);
  buf.writeDoubleLE(timestamp, 8);
  buf.writeUInt16LE(keyLen, 16);
  buf.write(key, 18, keyLen, 'utf8');
  buf.write(valueJson, 18 + keyLen, valueLen, 'utf8');
  buf.writeUInt32LE(crc32(buf.subarray(FRAME_HEADER)), 4);
  return buf;
}

/** Outcome of reading one frame at a position. */
export type FrameRead =
  | { kind: 'frame'; payloadStart: number; payloadLength: number; next: number }
  /** Not enough bytes in the buffer to hold the whole frame. */
  | { kind: 'partial'; needed: number }
  /** The frame is malformed or its checksum does not match. */
  | { kind: 'corrupt'; reason: string };

/** Reads and verifies the frame starting at `pos` in `buf`. */
export function readFrame(buf: Buffer, pos: number, maxPayload: number): FrameRead {
  if (buf.length - pos < FRAME_HEADER) return { kind: 'partial', needed: FRAME_HEADER };
  const len = buf.readUInt32LE(pos);
  if (len < PAYLOAD_FIXED || len > maxPayload) return { kind: 'corrupt', reason: `bad length ${len}` };
  if (buf.length - pos < FRAME_HEADER + len) return { kind: 'partial', needed: FRAME_HEADER + len };
  const payloadStart = pos + FRAME_HEADER;
  const payload = buf.subarray(payloadStart, payloadStart + len);
  if (crc32(payload) !== buf.readUInt32LE(pos + 4)) return { kind: 'corrupt', reason: 'crc mismatch' };
  if (PAYLOAD_FIXED + payload.readUInt16LE(8) > len) return { kind: 'corrupt', reason: 'bad key length' };
  return { kind: 'frame', payloadStart, payloadLength: len, next: payloadStart + len };
}

/** The append time of a verified frame's payload. */
export function frameTimestamp(buf: Buffer, payloadStart: number): number {
  return buf.readDoubleLE(payloadStart);
}

/** Decodes a verified frame's payload into a record at `offset`. */
export function decodePayload(buf: Buffer, payloadStart: number, payloadLength: number, offset: number): LogRecord {
  const keyLen = buf.readUInt16LE(payloadStart + 8);
  const keyStart = payloadStart + PAYLOAD_FIXED;
  return {
    offset,
    timestamp: buf.readDoubleLE(payloadStart),
    key: buf.toString('utf8', keyStart, keyStart + keyLen),
    value: buf.toString('utf8', keyStart + keyLen, payloadStart + payloadLength),
  };
}
