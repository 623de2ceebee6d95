import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cursorInvalid } from './errors';
import type { ParsedSearch } from './parse';

/** Where a page ended: the last hit's sort values (in sort order) and its id, the tie-breaker. */
export interface CursorPosition {
  values: number[];
  id: string;
}

const MAC_BYTES = 18;

function fingerprint(tenantId: string, q: ParsedSearch): string {
  const shape = [tenantId, q.fromMs, q.toMs, q.filters, q.text ?? null, q.sort];
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url');
}

/**
 * Opaque keyset cursors, HMAC-signed over the tenant and the query's shape: a cursor cannot be
 * forged, edited, replayed by another tenant or reused with a different query. Keyset paging
 * on (sort values, id) means inserts arriving between pages cause no gaps or duplicates among
 * the rows that existed.
 */
export class CursorCodec {
  private readonly key: Buffer;

  /** `secret` must be shared by every replica that serves the same clients; random if omitted. */
  constructor(secret?: string | Uint8Array) {
    this.key = secret === undefined ? randomBytes(32) : Buffer.from(secret);
    if (this.key.length < 16) throw new RangeError('cursor secret must be at least 16 bytes');
  }

  private mac(tenantId: string, q: ParsedSearch, payload: string): Buffer {
    return createHmac('sha256', this.key).update(fingerprint(tenantId, q)).update('\u0000').update(payload).digest().subarray(0, MAC_BYTES);
  }

  encode(tenantId: string, q: ParsedSearch, pos: CursorPosition): string {
    const payload = Buffer.from(JSON.stringify([pos.values, pos.id])).toString('base64url');
    return `${payload}.${this.mac(tenantId, q, payload).toString('base64url')}`;
  }

  /** The position encoded in `q.cursor`, undefined when there is none. Throws SOC_ERR_CURSOR_INVALID. */
  decode(tenantId: string, q: ParsedSearch): CursorPosition | undefined {
    if (q.cursor === undefined) return undefined;
    const [payload, sig, extra] = q.cursor.split('.');
    if (!payload || !sig || extra !== undefined) throw cursorInvalid('malformed');
    const given = Buffer.from(sig, 'base64url');
    // Base64 decoding ignores trailing junk; re-encoding makes the signature text canonical.
    if (given.toString('base64url') !== sig) throw cursorInvalid('malformed signature');
    const expected = this.mac(tenantId, q, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw cursorInvalid('signature mismatch (tampered, or another tenant or query)');
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw cursorInvalid('undecodable');
    }
    if (!Array.isArray(decoded) || decoded.length !== 2) throw cursorInvalid('unexpected content');
    const [values, id] = decoded as unknown[];
    const ok = Array.isArray(values) && values.length === q.sort.length && values.every((v: unknown) => typeof v === 'number' && Number.isFinite(v));
    if (!ok || typeof id !== 'string') throw cursorInvalid('unexpected content');
    return { values: values as number[], id };
  }
}

/**
 * Dialect-neutral keyset predicate: rows strictly after `pos` in the given order, with `id`
 * ascending/descending like the last sort key. `col` renders a sort column, `bind` a bound
 * parameter placeholder for a value (never the value itself).
 */
export function keysetPredicate(
  sort: ParsedSearch['sort'],
  pos: CursorPosition,
  col: (field: string) => string,
  bind: (value: number | string) => string,
): string {
  const idOrder = sort[sort.length - 1]?.order ?? 'desc';
  const keys = [
    ...sort.map((s, i) => ({ expr: col(s.field), order: s.order, value: pos.values[i] as number | string })),
    { expr: col('id'), order: idOrder, value: pos.id },
  ];
  let clause = '';
  for (const k of [...keys].reverse()) {
    const p = bind(k.value);
    const strict = `${k.expr} ${k.order === 'asc' ? '>' : '<'} ${p}`;
    clause = clause === '' ? strict : `(${strict} OR (${k.expr} = ${p} AND ${clause}))`;
  }
  return clause;
}
