/**
 * Why a hunt cannot run or must fail, as data: the command maps `kind` to its exit code and
 * never looks at message text.
 */

/** Exit codes of `soc hunt`: 0 done, 1 done but `--strict` saw bad input, 2 could not run. */
export const EXIT_OK = 0;
export const EXIT_STRICT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * `usage`: bad command line. `unreadable-path`: a file or directory given cannot be read.
 * `unwritable-path`: the `--output` file cannot be written.
 */
export type HuntErrorKind = 'usage' | 'unreadable-path' | 'unwritable-path';

/** A condition that stops the hunt before or while reading its inputs. */
export class HuntError extends Error {
  constructor(
    readonly kind: HuntErrorKind,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'HuntError';
  }
}

const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a path component is not a directory',
  ELOOP: 'too many symbolic links',
};

/** A path that cannot be opened or read, with the system's reason (`ENOENT`, `EACCES`...). */
export function unreadablePath(path: string, cause: unknown): HuntError {
  const code = (cause as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? SYSTEM_REASONS[code] : undefined;
  const why = known ? `${known} (${String(code)})` : cause instanceof Error ? cause.message : String(cause);
  return new HuntError('unreadable-path', `cannot read ${path}: ${why}`, path);
}
