export { splitRecords } from './split';
export { type ContentKind, type ParsedRecord, type RejectedRecord, type SplitOptions, type SplitResult, MAX_KEPT_REJECT_CHARS } from './records';
export { sourceProfile, TEXT_MESSAGE_FIELDS, type SourceProfile } from './profiles';
export {
  SOC_ERR_RECORD_UNPARSEABLE,
  SOC_ERR_RECORD_TOO_LARGE,
  SOC_ERR_RECORD_NOT_OBJECT,
  SOC_ERR_TOO_MANY_RECORDS,
  SOC_ERR_BAD_ENCODING,
  type RecordRejectCode,
} from './errors';
export { parseSyslog, type SyslogMessage, type SyslogParseOptions, type SyslogParseResult } from './syslog/parse';
export type { StructuredData } from './syslog/structured-data';
export { decodePri, type DecodedPri } from './syslog/pri';
export { parseAuditd, type AuditdEvent, type AuditdRecord, type AuditdParseResult } from './auditd/parse';
export { execveArgs, decodeHex } from './auditd/fields';
