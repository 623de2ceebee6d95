import type { SourceName } from '@soc/contracts';
import { AuditdGrouper } from './auditd-group';
import type { RecordCollector } from './collector';
import { SOC_ERR_RECORD_NOT_OBJECT, SOC_ERR_RECORD_TOO_LARGE } from './errors';
import { TEXT_MESSAGE_FIELDS } from './profiles';
import { exceedsBytes } from './records';
import { forEachJsonValue, isPlainObject, jsonKind } from './split-json';

/** Receives each text line of a text source with its body line number. */
type LineSink = { add(text: string, line: number): void; finish(): void };

/** Splits a text source's plain-text body: one line per record, auditd lines grouped by serial. */
export function splitTextLines(source: SourceName, text: string, maxRecordBytes: number, out: RecordCollector): void {
  const sink = lineSink(source, maxRecordBytes, out);
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    if (end > start) {
      const l = text.slice(start, end);
      if (l.trim().length > 0) sink.add(l, line);
    }
    start = nl + 1;
    line++;
  }
  sink.finish();
}

/**
 * Splits a text source's JSON body: an array or NDJSON of strings, or of objects whose
 * `message` (or MESSAGE, SyslogMessage, Message) field holds the line.
 */
export function splitTextJson(source: SourceName, text: string, maxRecordBytes: number, out: RecordCollector): void {
  const sink = lineSink(source, maxRecordBytes, out);
  forEachJsonValue(text, maxRecordBytes, out, false, ({ value, text: raw, line }) => {
    const msg = messageOf(value);
    if (msg === undefined) {
      const why = `expected a string or an object with a string ${TEXT_MESSAGE_FIELDS.join('/')} field, got ${jsonKind(value)}`;
      return out.reject(line, SOC_ERR_RECORD_NOT_OBJECT, why, raw);
    }
    // One JSON value may carry a multi-line message (several auditd lines): each line counts.
    for (const l of msg.split(/\r?\n/)) if (l.trim().length > 0) sink.add(l, line);
  });
  sink.finish();
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value)) return undefined;
  for (const f of TEXT_MESSAGE_FIELDS) {
    const v = value[f];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

function lineSink(source: SourceName, maxRecordBytes: number, out: RecordCollector): LineSink {
  if (source === 'auditd') return new AuditdGrouper(maxRecordBytes, out);
  return {
    add(text, line) {
      if (exceedsBytes(text, maxRecordBytes)) out.reject(line, SOC_ERR_RECORD_TOO_LARGE, `line exceeds ${maxRecordBytes} bytes`, text);
      else out.accept(line, 'text', text);
    },
    finish() {
      // Lines were emitted as they came: nothing is held back.
    },
  };
}
