import type { MessageHeaders } from '@soc/bus';
import { crc32 } from './crc32';

/**
 * On-disk record frame:
 *   [u32 payload length][u32 crc32(payload)][payload]
 *   payload = [f64 append time ms][u16 key length | HAS_HEADERS][key utf8]
 *             ([u32 headers length][headers JSON utf8] when HAS_HEADERS)[value JSON utf8]
 * The offset is not stored: it is the segment's base offset plus the record's index, so a
 * frame never needs rewriting. The append time drives age-based retention. Frames written
 * before headers existed never have the flag bit set (keys were always far shorter than 32 KB),
 * so they decode unchanged.
 */
export const FRAME_HEADER = 8;
const PAYLOAD_FIXED = 10;
const HAS_HEADERS = 0x8000;
/** Longest key a frame can hold: the top bit of the length field flags headers. */
export const MAX_FRAME_KEY_BYTES = HAS_HEADERS - 1;

/** A decoded record. `value` stays JSON text until a consumer needs it. */
export interface LogRecord {
  offset: number;
  timestamp: number;
  key: string;
  value: string;
  headers?: MessageHeaders;
}

/** Encodes one record into a complete frame. */
export function encodeFrame(key: string, valueJson: string, timestamp: number, headers?: MessageHeaders): Buffer {
  const keyLen = Buffer.byteLength(key);
  const valueLen = Buffer.byteLength(valueJson);
  const headerJson = headers === undefined ? undefined : JSON.stringify(headers);
  const headerLen = headerJson === undefined ? 0 : 4 + Buffer.byteLength(headerJson);
  const payloadLen = PAYLOAD_FIXED + keyLen + headerLen + valueLen;
  const buf = Buffer.allocUnsafe(FRAME_HEADER + payloadLen);
  buf.writeUInt32LE(payloadLen, 0);
  buf.writeDoubleLE(timestamp, 8);
  buf.writeUInt16LE(headerJson === undefined ? keyLen : keyLen | HAS_HEADERS, 16);
  buf.write(key, 18, keyLen, 'utf8');
  let at = 18 + keyLen;
  if (headerJson !== undefined) {
    buf.writeUInt32LE(headerLen - 4, at);
    buf.write(headerJson, at + 4, headerLen - 4, 'utf8');
    at += headerLen;
  }
  buf.write(valueJson, at, valueLen, 'utf8');
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
  const keyField = payload.readUInt16LE(8);
  const keyEnd = PAYLOAD_FIXED + (keyField & MAX_FRAME_KEY_BYTES);
  if (keyEnd > len) return { kind: 'corrupt', reason: 'bad key length' };
  if ((keyField & HAS_HEADERS) !== 0 && (keyEnd + 4 > len || keyEnd + 4 + payload.readUInt32LE(keyEnd) > len)) return { kind: 'corrupt', reason: 'bad headers length' };
  return { kind: 'frame', payloadStart, payloadLength: len, next: payloadStart + len };
}

/** The append time of a verified frame's payload. */
export function frameTimestamp(buf: Buffer, payloadStart: number): number {
  return buf.readDoubleLE(payloadStart);
}

/** Decodes a verified frame's payload into a record at `offset`. */
export function decodePayload(buf: Buffer, payloadStart: number, payloadLength: number, offset: number): LogRecord {
  const keyField = buf.readUInt16LE(payloadStart + 8);
  const keyStart = payloadStart + PAYLOAD_FIXED;
  let at = keyStart + (keyField & MAX_FRAME_KEY_BYTES);
  const record: LogRecord = { offset, timestamp: buf.readDoubleLE(payloadStart), key: buf.toString('utf8', keyStart, at), value: '' };
  if ((keyField & HAS_HEADERS) !== 0) {
    const len = buf.readUInt32LE(at);
    const headers = parseHeaders(buf.toString('utf8', at + 4, at + 4 + len));
    if (headers !== undefined) record.headers = headers;
    at += 4 + len;
  }
  record.value = buf.toString('utf8', at, payloadStart + payloadLength);
  return record;
}

/**
 * Headers as written by encodeFrame. The checksum covers them, so only a writer bug could make
 * them unparseable; the value is still whole then, and headers are optional metadata, so the
 * record is delivered without them rather than stalling its partition.
 */
function parseHeaders(text: string): MessageHeaders | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as MessageHeaders;
  } catch {
    // fall through
  }
  return undefined;
}
