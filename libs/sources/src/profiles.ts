import { type SourceName, TEXT_SOURCES } from '@soc/contracts';
import type { ContentKind } from './records';

/** How splitRecords treats a source's bodies. */
export interface SourceProfile {
  source: SourceName;
  /** 'json': every record is a JSON object; 'text': every record is a string (a line, or one auditd event). */
  recordFormat: 'json' | 'text';
  /** Body kinds the ingest route accepts for this source. */
  accepts: readonly ContentKind[];
}

const JSON_KINDS: readonly ContentKind[] = ['json', 'ndjson'];
const TEXT_KINDS: readonly ContentKind[] = ['text', 'ndjson', 'json'];

/** The profile of `source`: text sources also take JSON bodies of strings or `{message}` objects. */
export function sourceProfile(source: SourceName): SourceProfile {
  const text = TEXT_SOURCES.has(source);
  return { source, recordFormat: text ? 'text' : 'json', accepts: text ? TEXT_KINDS : JSON_KINDS };
}

/** Object fields that carry the log line when a text source arrives as JSON (journald, Sentinel, Logstash...). */
export const TEXT_MESSAGE_FIELDS: readonly string[] = ['message', 'MESSAGE', 'SyslogMessage', 'Message'];
