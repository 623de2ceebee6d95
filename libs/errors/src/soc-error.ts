/**
 * Base class of every domain error. The `code` is stable and documented in
 * docs/errors.md; callers branch on it, never on the message text.
 */
export class SocError extends Error {
  /** Stable machine-readable code, `SOC_ERR_*`. */
  readonly code: string;
  /** HTTP status the gateway maps this error to. */
  readonly httpStatus: number;
  /** Whether repeating the same operation later can succeed. */
  readonly retryable: boolean;
  /** Structured, non-secret context for logs and error responses. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: string,
    message: string,
    opts: { httpStatus?: number; retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SocError';
    this.code = code;
    this.httpStatus = opts.httpStatus ?? 500;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details;
  }
}

/** True when `err` is a SocError with the given code. */
export function isSocError(err: unknown, code?: string): err is SocError {
  return err instanceof SocError && (code === undefined || err.code === code);
}
