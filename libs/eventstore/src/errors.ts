import { ErrorCodes, SocError, queryInvalid } from '@soc/errors';

/** A search or aggregate query is malformed; `details.part` names the offending part. */
export function invalidQuery(message: string, part: string, extra: Record<string, unknown> = {}): SocError {
  return queryInvalid(message, { part, ...extra });
}

/**
 * A paging cursor is garbage, was tampered with, or belongs to another tenant or query.
 * Cursors are signed, so this never means "resume somewhere else".
 */
export function cursorInvalid(reason: string): SocError {
  return new SocError(ErrorCodes.CURSOR_INVALID, `invalid cursor: ${reason}`, { httpStatus: 400, details: { part: 'cursor' } });
}

/** Code of {@link storeClosed}. */
export const SOC_ERR_EVENTSTORE_CLOSED = 'SOC_ERR_EVENTSTORE_CLOSED';

/** An operation reached an event store after `close()`. */
export function storeClosed(): SocError {
  return new SocError(SOC_ERR_EVENTSTORE_CLOSED, 'event store is closed', { httpStatus: 503, retryable: true });
}
