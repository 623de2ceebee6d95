import { SocError } from './soc-error';

/**
 * The error catalog. Every code the system emits is created here, so docs/errors.md
 * can list them all and no code is invented ad hoc at a call site.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'SOC_ERR_CONFIG_INVALID',
  UNAUTHENTICATED: 'SOC_ERR_UNAUTHENTICATED',
  FORBIDDEN: 'SOC_ERR_FORBIDDEN',
  NOT_FOUND: 'SOC_ERR_NOT_FOUND',
  VALIDATION: 'SOC_ERR_VALIDATION',
  PAYLOAD_TOO_LARGE: 'SOC_ERR_PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'SOC_ERR_UNSUPPORTED_MEDIA_TYPE',
  UNKNOWN_SOURCE: 'SOC_ERR_UNKNOWN_SOURCE',
  BAD_ENCODING: 'SOC_ERR_BAD_ENCODING',
  OVERLOADED: 'SOC_ERR_OVERLOADED',
  UNAVAILABLE: 'SOC_ERR_UNAVAILABLE',
  INTERNAL: 'SOC_ERR_INTERNAL',
  TENANT_NOT_BOUND: 'SOC_ERR_TENANT_NOT_BOUND',
  BUS_CLOSED: 'SOC_ERR_BUS_CLOSED',
  LOG_CORRUPT: 'SOC_ERR_LOG_CORRUPT',
  QUERY_INVALID: 'SOC_ERR_QUERY_INVALID',
  CURSOR_INVALID: 'SOC_ERR_CURSOR_INVALID',
  // Per-record rejection reasons (ingest and normalize dead letters).
  RECORD_UNPARSEABLE: 'SOC_ERR_RECORD_UNPARSEABLE',
  RECORD_TOO_LARGE: 'SOC_ERR_RECORD_TOO_LARGE',
  RECORD_UNMAPPABLE: 'SOC_ERR_RECORD_UNMAPPABLE',
  RECORD_INVALID_OCSF: 'SOC_ERR_RECORD_INVALID_OCSF',
  MESSAGE_INVALID: 'SOC_ERR_MESSAGE_INVALID',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Thrown when configuration fails validation at boot. */
export const configInvalid = (message: string, details?: Record<string, unknown>): SocError =>
  new SocError(ErrorCodes.CONFIG_INVALID, message, { httpStatus: 500, ...(details ? { details } : {}) });
/** Missing, malformed, expired or revoked credential. */
export const unauthenticated = (message = 'missing or invalid credential'): SocError =>
  new SocError(ErrorCodes.UNAUTHENTICATED, message, { httpStatus: 401 });
/** Credential valid but lacking the permission (details name it), or a delegation not allowed. */
export const forbidden = (message: string, details?: Record<string, unknown>): SocError =>
  new SocError(ErrorCodes.FORBIDDEN, message, { httpStatus: 403, ...(details ? { details } : {}) });
/** Resource absent, or not visible to the caller's tenant. */
export const notFound = (message: string): SocError => new SocError(ErrorCodes.NOT_FOUND, message, { httpStatus: 404 });
/** Request failed schema or semantic validation. */
export const validation = (message: string, details?: Record<string, unknown>): SocError =>
  new SocError(ErrorCodes.VALIDATION, message, { httpStatus: 400, ...(details ? { details } : {}) });
/** Body or record exceeds a configured size limit. */
export const payloadTooLarge = (message: string): SocError =>
  new SocError(ErrorCodes.PAYLOAD_TOO_LARGE, message, { httpStatus: 413 });
/** Content-Type or Content-Encoding not accepted for this route. */
export const unsupportedMediaType = (message: string): SocError =>
  new SocError(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, message, { httpStatus: 415 });
/** Backpressure: the pipeline is behind; the client should retry after `retryAfterSeconds`. */
export const overloaded = (retryAfterSeconds: number, message = 'pipeline is behind, retry later'): SocError =>
  new SocError(ErrorCodes.OVERLOADED, message, { httpStatus: 429, retryable: true, details: { retryAfterSeconds } });
/** A dependency is down or the service is shutting down. */
export const unavailable = (retryAfterSeconds: number, message = 'service unavailable'): SocError =>
  new SocError(ErrorCodes.UNAVAILABLE, message, { httpStatus: 503, retryable: true, details: { retryAfterSeconds } });
/** A query against the event lake is malformed (bad field path, operator or value). */
export const queryInvalid = (message: string, details?: Record<string, unknown>): SocError =>
  new SocError(ErrorCodes.QUERY_INVALID, message, { httpStatus: 400, ...(details ? { details } : {}) });
