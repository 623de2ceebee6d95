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
  const cloudTrail = source === 'aws-cloudtrail';
  forEachJsonValue(text, maxRecordBytes, out, cloudTrail, ({ value, text: raw, line }) => {
    if (cloudTrail && isCloudTrailWrapper(value)) return acceptCloudTrailRecords(value.Records, raw, line, maxRecordBytes, out);
    if (!isPlainObject(value)) return out.reject(line, SOC_ERR_RECORD_NOT_OBJECT, `expected a JSON object, got ${jsonKind(value)}`, raw);
    out.accept(line, 'json', value);
  });
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
