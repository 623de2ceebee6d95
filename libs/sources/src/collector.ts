import { tooManyRecords, type RecordRejectCode } from './errors';
import { MAX_KEPT_REJECT_CHARS, excerptOf, type ParsedRecord, type RejectedRecord, type SplitResult } from './records';

/** Accumulates accepted and rejected records, enforcing `maxRecords` across both. */
export class RecordCollector {
  private readonly records: ParsedRecord[] = [];
  private readonly rejected: RejectedRecord[] = [];

  constructor(private readonly maxRecords: number) {}

  accept(line: number, format: 'json' | 'text', data: unknown, json?: string): void {
    this.count();
    const record: ParsedRecord = { index: this.records.length, line, format, data };
    if (json !== undefined) record.json = json;
    this.records.push(record);
  }

  reject(line: number, code: RecordRejectCode, reason: string, text: string): void {
    this.count();
    const textTruncated = text.length > MAX_KEPT_REJECT_CHARS;
    this.rejected.push({ line, code, reason, excerpt: excerptOf(text), text: textTruncated ? text.slice(0, MAX_KEPT_REJECT_CHARS) : text, textTruncated });
  }

  result(): SplitResult {
    return { records: this.records, rejected: this.rejected };
  }

  private count(): void {
    if (this.records.length + this.rejected.length >= this.maxRecords) throw tooManyRecords(this.maxRecords);
  }
}
