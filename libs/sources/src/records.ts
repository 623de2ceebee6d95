import type { RecordRejectCode } from './errors';

/** Body encodings splitRecords understands (from the request Content-Type). */
export type ContentKind = 'json' | 'ndjson' | 'text';

/** One native record found in a body. */
export interface ParsedRecord {
  /** 0-based position among the accepted records of the body. */
  index: number;
  /** 1-based line of the body where the record starts. */
  line: number;
  /** 'json' when `data` is a parsed object, 'text' when it is a string (auditd, syslog). */
  format: 'json' | 'text';
  /** The parsed JSON object, or the record text (auditd: every line of one serial joined by \n). */
  data: unknown;
  /**
   * For a JSON record that was one whole JSON text in the body: that text, exactly as received
   * (it parsed to `data`). Lets ingest carry the record without serializing it again. Absent for
   * records cut out of a larger value (CloudTrail `Records` elements) and for text records.
   */
  json?: string;
}

/** A part of a body that could not become a record, with a stable code and a reason for the dead letter. */
export interface RejectedRecord {
  /** 1-based line of the body where the rejected part starts. */
  line: number;
  code: RecordRejectCode;
  reason: string;
  /** First ~200 characters of the rejected part (for messages). */
  excerpt: string;
  /** The rejected text itself, up to MAX_KEPT_REJECT_CHARS, so a dead letter keeps the record. */
  text: string;
  /** True when `text` was cut to MAX_KEPT_REJECT_CHARS. */
  textTruncated: boolean;
}

/** How much of a rejected record a dead letter keeps. */
export const MAX_KEPT_REJECT_CHARS = 64 * 1024;

/** Limits and body kind for splitRecords. */
export interface SplitOptions {
  contentType: ContentKind;
  /** Largest accepted record in UTF-8 bytes. */
  maxRecordBytes: number;
  /** Most records (accepted + rejected) a body may hold; more throws SOC_ERR_TOO_MANY_RECORDS. */
  maxRecords: number;
}

/** Result of splitRecords: accepted records in body order and everything rejected, nothing dropped. */
export interface SplitResult {
  records: ParsedRecord[];
  rejected: RejectedRecord[];
}

const EXCERPT_CHARS = 200;

/** First ~200 characters of a rejected part, for the dead letter. */
export function excerptOf(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : text.slice(0, EXCERPT_CHARS);
}

/** UTF-8 size of `text` without encoding it when the answer is obvious from its length. */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}
