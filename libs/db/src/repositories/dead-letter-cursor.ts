import { decodeKeysetCursor, encodeKeysetCursor } from '../detection/keyset-cursor';

/** Position after the last row of a page: newest-first order is (createdAt desc, id desc). */
export interface DeadLetterCursor {
  readonly createdAtMs: number;
  readonly id: string;
}

/** Opaque to clients; a keyset cursor of kind `dead-letters` (see keyset-cursor.ts). */
export function encodeDeadLetterCursor(c: DeadLetterCursor): string {
  return encodeKeysetCursor('dead-letters', { key: c.createdAtMs, id: c.id });
}

/** Decode a cursor; SOC_ERR_CURSOR_INVALID if it is not one we issued for dead letters. */
export function decodeDeadLetterCursor(cursor: string): DeadLetterCursor {
  const p = decodeKeysetCursor('dead-letters', cursor, 'number');
  return { createdAtMs: p.key as number, id: p.id };
}
