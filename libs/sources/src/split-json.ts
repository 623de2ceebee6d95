import type { SourceName } from '@soc/contracts';
import type { RecordCollector } from './collector';
import { SOC_ERR_RECORD_NOT_OBJECT, SOC_ERR_RECORD_TOO_LARGE, SOC_ERR_RECORD_UNPARSEABLE } from './errors';
import { scanJsonBody, type JsonSegment } from './json-scan';
import { exceedsBytes } from './records';

/** A JSON value cut from a body, already parsed, with where it came from. */
export interface JsonValueAt {
  value: unknown;
  text: string;
  line: number;
}

/**
 * Scans a JSON body and hands each parsed value to `onValue`; broken, oversized and unparseable
 * pieces are rejected on the collector. `allowOversize` lets a wrapper (CloudTrail `Records`)
 * through the size check so its elements can be checked one by one.
 */
export function forEachJsonValue(
  text: string,
  maxRecordBytes: number,
  out: RecordCollector,
  allowOversize: boolean,
  onValue: (v: JsonValueAt) => void,
): void {
  scanJsonBody(text, maxRecordBytes, (seg: JsonSegment) => {
    if (seg.broken) return out.reject(seg.line, SOC_ERR_RECORD_UNPARSEABLE, `invalid JSON: ${seg.reason}`, seg.text);
    const oversize = exceedsBytes(seg.text, maxRecordBytes);
    if (oversize && !allowOversize) {
      return out.reject(seg.line, SOC_ERR_RECORD_TOO_LARGE, `record exceeds ${maxRecordBytes} bytes`, seg.text);
    }
    let value = seg.value;
    if (!seg.parsed) {
      try {
        value = JSON.parse(seg.text);
      } catch (err) {
        return out.reject(seg.line, SOC_ERR_RECORD_UNPARSEABLE, `invalid JSON: ${(err as Error).message}`, seg.text);
      }
    }
    if (oversize && !isCloudTrailWrapper(value)) {
      return out.reject(seg.line, SOC_ERR_RECORD_TOO_LARGE, `record exceeds ${maxRecordBytes} bytes`, seg.text);
    }
    onValue({ value, text: seg.text, line: seg.line });
  });
}

/** Splits the body of a JSON source into one object per record. */
export function splitJsonSource(source: SourceName, text: string, maxRecordBytes: number, out: RecordCollector): void {
  forEachJsonValue(text, maxRecordBytes, out, source === 'aws-cloudtrail', ({ value, text: raw, line }) =>
    acceptJsonValue(source, value, raw, line, maxRecordBytes, out),
  );
}

/**
 * Splits a body declared as NDJSON: every non-blank line is one record on its own. Unlike the
 * JSON scanner, a broken line cannot swallow the lines after it, because the client has said
 * where records end.
 */
export function splitNdjsonSource(source: SourceName, text: string, maxRecordBytes: number, out: RecordCollector): void {
  const cloudTrail = source === 'aws-cloudtrail';
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw.length === 0) continue;
    if (!cloudTrail && exceedsBytes(raw, maxRecordBytes)) {
      out.reject(line, SOC_ERR_RECORD_TOO_LARGE, `record exceeds ${maxRecordBytes} bytes`, raw);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      out.reject(line, SOC_ERR_RECORD_UNPARSEABLE, `invalid JSON: ${(err as Error).message}`, raw);
      continue;
    }
    if (cloudTrail && !isCloudTrailWrapper(value) && exceedsBytes(raw, maxRecordBytes)) {
      out.reject(line, SOC_ERR_RECORD_TOO_LARGE, `record exceeds ${maxRecordBytes} bytes`, raw);
      continue;
    }
    // A line holding an array is a batch of records (some shippers write one per line).
    if (Array.isArray(value)) for (const item of value) acceptJsonValue(source, item, JSON.stringify(item) ?? '', line, maxRecordBytes, out);
    else acceptJsonValue(source, value, raw, line, maxRecordBytes, out);
  }
}

/** One parsed JSON value of a JSON source: a record, a CloudTrail file of records, or a rejection. */
function acceptJsonValue(source: SourceName, value: unknown, raw: string, line: number, maxRecordBytes: number, out: RecordCollector): void {
  if (source === 'aws-cloudtrail' && isCloudTrailWrapper(value)) return acceptCloudTrailRecords(value.Records, raw, line, maxRecordBytes, out);
  if (!isPlainObject(value)) return out.reject(line, SOC_ERR_RECORD_NOT_OBJECT, `expected a JSON object, got ${jsonKind(value)}`, raw);
  out.accept(line, 'json', value, raw);
}

/** A CloudTrail log file (`{"Records":[...]}`) becomes one record per element. */
function acceptCloudTrailRecords(items: unknown[], raw: string, line: number, maxRecordBytes: number, out: RecordCollector): void {
  const wrapperFits = !exceedsBytes(raw, maxRecordBytes);
  for (const item of items) {
    if (!isPlainObject(item)) {
      out.reject(line, SOC_ERR_RECORD_NOT_OBJECT, `expected a JSON object in Records, got ${jsonKind(item)}`, JSON.stringify(item) ?? '');
      continue;
    }
    if (!wrapperFits) {
      const itemText = JSON.stringify(item);
      if (exceedsBytes(itemText, maxRecordBytes)) {
        out.reject(line, SOC_ERR_RECORD_TOO_LARGE, `record exceeds ${maxRecordBytes} bytes`, itemText);
        continue;
      }
    }
    out.accept(line, 'json', item);
  }
}

function isCloudTrailWrapper(v: unknown): v is { Records: unknown[] } {
  return isPlainObject(v) && Array.isArray(v['Records']);
}

/** True for `{...}` (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON type name of a value, for rejection reasons. */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
