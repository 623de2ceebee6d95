import { ErrorCodes, SocError } from '@soc/errors';

/** A record (JSON value, line or auditd event) could not be parsed. Catalog code, re-exported for callers. */
export const SOC_ERR_RECORD_UNPARSEABLE = ErrorCodes.RECORD_UNPARSEABLE;
/** A record is larger than `maxRecordBytes`. Catalog code, re-exported for callers. */
export const SOC_ERR_RECORD_TOO_LARGE = ErrorCodes.RECORD_TOO_LARGE;
/** A JSON value parsed but is not an object (number, string, null...) where a source needs an object. */
export const SOC_ERR_RECORD_NOT_OBJECT = 'SOC_ERR_RECORD_NOT_OBJECT';
/** A body holds more records than `maxRecords`; the whole body is refused (HTTP 413) so the client splits it. */
export const SOC_ERR_TOO_MANY_RECORDS = 'SOC_ERR_TOO_MANY_RECORDS';
/** A body is not valid UTF-8. Catalog code. */
export const SOC_ERR_BAD_ENCODING = ErrorCodes.BAD_ENCODING;

/** Codes a {@link RejectedRecord} can carry. */
export type RecordRejectCode =
  | typeof SOC_ERR_RECORD_UNPARSEABLE
  | typeof SOC_ERR_RECORD_TOO_LARGE
  | typeof SOC_ERR_RECORD_NOT_OBJECT;

/** Thrown by splitRecords when a body holds more than `maxRecords` records. */
export function tooManyRecords(maxRecords: number): SocError {
  return new SocError(SOC_ERR_TOO_MANY_RECORDS, `body holds more than ${maxRecords} records; split it into smaller batches`, {
    httpStatus: 413,
    retryable: false,
    details: { maxRecords },
  });
}

/** Thrown by splitRecords when a Buffer body is not valid UTF-8. */
export function badEncoding(): SocError {
  return new SocError(SOC_ERR_BAD_ENCODING, 'body is not valid UTF-8', { httpStatus: 400, retryable: false });
}
