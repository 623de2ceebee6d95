import { createHash, randomBytes } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): time-ordered, so ids sort by creation time in indexes and logs.
 * `nowMs` is injectable for tests.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const b = randomBytes(16);
  const ts = BigInt(nowMs);
  for (let i = 0; i < 6; i++) b[i] = Number((ts >> BigInt(8 * (5 - i))) & 0xffn);
  b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x70, 6);
  b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A deterministic id from its parts: replaying the same input yields the same id, which is
 * what makes every consumer idempotent under at-least-once delivery.
 */
export function deterministicId(...parts: readonly (string | number)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(String(p));
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 32);
}

/**
 * Deterministic ids for the members of one series (the records of one ingest batch): the parts
 * are hashed once and each member's position fills the last 8 hex digits, so a batch of
 * thousands pays one hash instead of one per record. Same length and alphabet as
 * deterministicId; `n` must be an integer in [0, 2^32).
 */
export function deterministicIdSeries(...parts: readonly (string | number)[]): (n: number) => string {
  const base = deterministicId(...parts, 'series').slice(0, 24);
  return (n) => {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`series position out of range: ${n}`);
    return base + n.toString(16).padStart(8, '0');
  };
}
