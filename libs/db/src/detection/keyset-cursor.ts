import { ErrorCodes, SocError } from '@soc/errors';

/** Position after the last row of a page: the sort key and the id that breaks ties. */
export interface KeysetPosition {
  readonly key: string | number;
  readonly id: string;
}

/** Opaque to clients: base64url of `[kind, key, id]`; `kind` keeps one list's cursor out of another. */
export function encodeKeysetCursor(kind: string, p: KeysetPosition): string {
  return Buffer.from(JSON.stringify([kind, p.key, p.id]), 'utf8').toString('base64url');
}

/** Decode a cursor issued for `kind`; SOC_ERR_CURSOR_INVALID otherwise. */
export function decodeKeysetCursor(kind: string, cursor: string, keyType: 'string' | 'number'): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    parsed[0] === kind &&
    (keyType === 'number' ? Number.isSafeInteger(parsed[1]) : typeof parsed[1] === 'string' && parsed[1].length <= 1000) &&
    typeof parsed[2] === 'string' &&
    parsed[2].length > 0 &&
    parsed[2].length <= 200
  ) {
    return { key: parsed[1] as string | number, id: parsed[2] };
  }
  throw new SocError(ErrorCodes.CURSOR_INVALID, 'cursor is malformed', { httpStatus: 400 });
}
