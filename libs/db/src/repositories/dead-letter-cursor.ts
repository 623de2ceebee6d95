import { ErrorCodes, SocError } from '@soc/errors';

/** Position after the last row of a page: newest-first order is (createdAt desc, id desc). */
export interface DeadLetterCursor {
  readonly createdAtMs: number;
  readonly id: string;
}

/** Opaque to clients: base64url of `[createdAtMs, id]`. */
export function encodeDeadLetterCursor(c: DeadLetterCursor): string {
  return Buffer.from(JSON.stringify([c.createdAtMs, c.id]), 'utf8').toString('base64url');
}

/** Decode a cursor; SOC_ERR_CURSOR_INVALID if it is not one we issued. */
export function decodeDeadLetterCursor(cursor: string): DeadLetterCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    Number.isSafeInteger(parsed[0]) &&
    typeof parsed[1] === 'string' &&
    parsed[1].length > 0 &&
    parsed[1].length <= 200
  ) {
    return { createdAtMs: parsed[0] as number, id: parsed[1] };
  }
  throw new SocError(ErrorCodes.CURSOR_INVALID, 'cursor is malformed', { httpStatus: 400 });
}
