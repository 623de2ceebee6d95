import { ErrorCodes, SocError } from '@soc/errors';

/**
 * Error codes owned by the state database. Callers branch on `code`, never on message text.
 */
export const DbErrorCodes = {
  /** A migration's SQL failed; the migration was rolled back and nothing after it ran. */
  MIGRATION_FAILED: 'SOC_ERR_DB_MIGRATION_FAILED',
  /** An applied migration's file changed since it ran (checksum mismatch); refusing to start. */
  MIGRATION_TAMPERED: 'SOC_ERR_DB_MIGRATION_TAMPERED',
  /** The database has a migration applied that this code does not know (schema is newer than code). */
  MIGRATION_UNKNOWN: 'SOC_ERR_DB_MIGRATION_UNKNOWN',
  /** A migration file is misnamed or two files share a version. */
  MIGRATION_INVALID: 'SOC_ERR_DB_MIGRATION_INVALID',
  /** Row-level security or a privilege refused the statement (wrong tenant, or no tenant bound). */
  ACCESS_DENIED: 'SOC_ERR_DB_ACCESS_DENIED',
  /** A unique key already exists (tenant id, API key prefix...). */
  CONFLICT: 'SOC_ERR_DB_CONFLICT',
  /** The database was used after `close()`. */
  CLOSED: 'SOC_ERR_DB_CLOSED',
  /** The PGlite worker thread died; the embedded database must be reopened. */
  WORKER_FAILED: 'SOC_ERR_DB_WORKER_FAILED',
  /** `withTenant` or `system` was called inside another scope; on single-connection PGlite it would deadlock. */
  NESTED_SCOPE: 'SOC_ERR_DB_NESTED_SCOPE',
} as const;

export type DbErrorCode = (typeof DbErrorCodes)[keyof typeof DbErrorCodes];

/** The SQLSTATE of a driver error, looking through drizzle's `DrizzleQueryError` wrapper. */
export function sqlState(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur !== null && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH']);

function isConnectionError(err: unknown): boolean {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur !== null && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P03')) return true;
    const nested = (cur as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.some(isConnectionError)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Translate a driver error into a stable SocError where the condition is one callers act on;
 * anything else is returned unchanged so its stack and SQLSTATE stay intact.
 */
export function mapDbError(err: unknown): unknown {
  // drizzle wraps whatever the driver threw; a SocError underneath (closed, worker failed) wins.
  for (let cur: unknown = err, depth = 0; depth < 5 && cur instanceof Error; depth++, cur = cur.cause) {
    if (cur instanceof SocError) return cur;
  }
  const state = sqlState(err);
  if (state === '42501') {
    return new SocError(DbErrorCodes.ACCESS_DENIED, 'the database refused the statement for this tenant scope', {
      httpStatus: 403,
      details: { sqlState: state },
      cause: err,
    });
  }
  if (state === '23505') {
    return new SocError(DbErrorCodes.CONFLICT, 'a row with the same unique key already exists', {
      httpStatus: 409,
      details: { sqlState: state },
      cause: err,
    });
  }
  if (state === '23503' || state === '23514') {
    return new SocError(ErrorCodes.VALIDATION, 'the row violates a database constraint', {
      httpStatus: 400,
      details: { sqlState: state },
      cause: err,
    });
  }
  if (isConnectionError(err)) {
    return new SocError(ErrorCodes.UNAVAILABLE, 'the state database is unreachable', {
      httpStatus: 503,
      retryable: true,
      details: { retryAfterSeconds: 5 },
      cause: err,
    });
  }
  return err;
}

/** Thrown when the database is used after `close()`. */
export const dbClosed = (): SocError =>
  new SocError(DbErrorCodes.CLOSED, 'the state database is closed', { httpStatus: 503, retryable: false });
