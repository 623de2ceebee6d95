import { SocError } from '@soc/errors';

/** The body is not a ZIP archive this reader accepts (truncated, corrupt, ZIP64, encrypted, bad CRC). */
export const SOC_ERR_ZIP_INVALID = 'SOC_ERR_ZIP_INVALID';
/** The archive exceeds a limit: entry count, total uncompressed size, or compression ratio (zip bomb). */
export const SOC_ERR_ZIP_LIMIT_EXCEEDED = 'SOC_ERR_ZIP_LIMIT_EXCEEDED';

/** A malformed archive; `reason` is a short stable key, `entry` the file at fault when there is one. */
export function zipInvalid(reason: string, message: string, entry?: string): SocError {
  return new SocError(SOC_ERR_ZIP_INVALID, message, { httpStatus: 400, details: { reason, ...(entry ? { entry } : {}) } });
}

/** An archive over a limit; `limit` names which, `max` its value. */
export function zipLimit(limit: 'entries' | 'total-size' | 'entry-size' | 'ratio', max: number, message: string, entry?: string): SocError {
  return new SocError(SOC_ERR_ZIP_LIMIT_EXCEEDED, message, { httpStatus: 413, details: { limit, max, ...(entry ? { entry } : {}) } });
}
