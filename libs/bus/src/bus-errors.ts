import { ErrorCodes, SocError } from '@soc/errors';

/** Codes the bus adapters emit besides the catalog's BUS_CLOSED / LOG_CORRUPT / MESSAGE_INVALID. */
export const BusErrorCodes = {
  CLOSED: ErrorCodes.BUS_CLOSED,
  LOG_CORRUPT: ErrorCodes.LOG_CORRUPT,
  MESSAGE_INVALID: ErrorCodes.MESSAGE_INVALID,
  /** A topic or group name that is empty, too long or not `[A-Za-z0-9._-]`. */
  NAME_INVALID: 'SOC_ERR_BUS_NAME_INVALID',
  /** A second live subscription for the same group and topic in one embedded bus. */
  SUBSCRIPTION_CONFLICT: 'SOC_ERR_BUS_SUBSCRIPTION_CONFLICT',
  /** The log directory is held by another live EmbeddedBus (another process, or this one). */
  LOG_LOCKED: 'SOC_ERR_BUS_LOG_LOCKED',
  /** A message whose key or encoded value does not fit the log's record limit. */
  MESSAGE_TOO_LARGE: 'SOC_ERR_BUS_MESSAGE_TOO_LARGE',
} as const;

/** Thrown by publish/subscribe once `close()` has been called. Not retryable on this instance. */
export const busClosed = (): SocError =>
  new SocError(BusErrorCodes.CLOSED, 'the bus is closed', { httpStatus: 503, retryable: false });

/** Thrown when stored log data fails its framing or checksum outside the recoverable tail. */
export const logCorrupt = (message: string, details: Record<string, unknown>): SocError =>
  new SocError(BusErrorCodes.LOG_CORRUPT, message, { httpStatus: 500, details });

/** Thrown for a topic or group name that cannot be used (it also names files on disk). */
export const nameInvalid = (kind: 'topic' | 'group', name: string): SocError =>
  new SocError(BusErrorCodes.NAME_INVALID, `invalid ${kind} name`, { httpStatus: 400, details: { kind, name } });

/** Thrown when the same group subscribes twice to one topic on one embedded bus. */
export const subscriptionConflict = (group: string, topic: string): SocError =>
  new SocError(BusErrorCodes.SUBSCRIPTION_CONFLICT, 'group already subscribed to topic', {
    httpStatus: 409,
    details: { group, topic },
  });

/** Thrown when one message exceeds the record size limit. */
export const messageTooLarge = (bytes: number, limit: number): SocError =>
  new SocError(BusErrorCodes.MESSAGE_TOO_LARGE, 'message exceeds the record size limit', {
    httpStatus: 413,
    details: { bytes, limit },
  });

/** Thrown when a message cannot be published as given (key not a string, value not JSON-serializable). */
export const messageInvalid = (message: string, details?: Record<string, unknown>): SocError =>
  new SocError(BusErrorCodes.MESSAGE_INVALID, message, { httpStatus: 400, ...(details ? { details } : {}) });

/** Thrown when a second bus tries to open a log directory that a live bus holds. */
export const logLocked = (dir: string, pid: number): SocError =>
  new SocError(BusErrorCodes.LOG_LOCKED, 'log directory is in use by another bus', { httpStatus: 503, retryable: true, details: { dir, pid } });

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Validates a topic or group name. Names become directory and file names in the embedded log
 * and must be legal Kafka names, so one rule serves both adapters.
 */
export function assertValidName(kind: 'topic' | 'group', name: string): void {
  if (!NAME_RE.test(name) || name.includes('..')) throw nameInvalid(kind, name);
}
