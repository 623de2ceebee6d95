import type { SourceName } from '@soc/contracts';
import { unsupportedMediaType } from '@soc/errors';
import { RecordCollector } from './collector';
import { badEncoding } from './errors';
import { sourceProfile } from './profiles';
import type { SplitOptions, SplitResult } from './records';
import { splitJsonSource, splitNdjsonSource } from './split-json';
import { splitTextJson, splitTextLines } from './split-text';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Cuts an ingest body into native records of `source`. Pure: no I/O, no clock.
 *
 * JSON sources take a JSON array, one object, or concatenated (even pretty-printed) objects
 * as `json`, and strictly one object per line as `ndjson`; `aws-cloudtrail` unwraps `{"Records":[...]}`. Text sources (auditd, syslog) take
 * text, one record per line (auditd: one per serial), or JSON of strings / `{message}` objects.
 * Every part that cannot become a record is returned in `rejected` with its line and code.
 *
 * @throws SocError SOC_ERR_TOO_MANY_RECORDS (413) past `maxRecords`; SOC_ERR_BAD_ENCODING (400)
 *   for a Buffer that is not UTF-8; SOC_ERR_UNSUPPORTED_MEDIA_TYPE (415) for a content type the
 *   source does not accept (a JSON source sent as text).
 */
export function splitRecords(source: SourceName, body: Buffer | string, opts: SplitOptions): SplitResult {
  const profile = sourceProfile(source);
  if (!profile.accepts.includes(opts.contentType)) {
    throw unsupportedMediaType(`source ${source} does not accept ${opts.contentType} bodies (accepts ${profile.accepts.join(', ')})`);
  }
  const text = decode(body);
  const out = new RecordCollector(opts.maxRecords);
  if (profile.recordFormat === 'json' && opts.contentType === 'ndjson') splitNdjsonSource(source, text, opts.maxRecordBytes, out);
  else if (profile.recordFormat === 'json') splitJsonSource(source, text, opts.maxRecordBytes, out);
  else if (opts.contentType === 'text') splitTextLines(source, text, opts.maxRecordBytes, out);
  else splitTextJson(source, text, opts.maxRecordBytes, out);
  return out.result();
}

function decode(body: Buffer | string): string {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      throw badEncoding();
    }
  }
  // TextDecoder drops a BOM; a string may still carry one.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
