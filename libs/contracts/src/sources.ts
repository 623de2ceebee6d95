import { Type } from '@sinclair/typebox';

/** Telemetry sources the ingest service accepts, by the name used in `/v1/ingest/{source}`. */
export const SOURCE_NAMES = [
  'windows',
  'aws-cloudtrail',
  'okta',
  'entra',
  'github-audit',
  'zeek',
  'auditd',
  'syslog',
] as const;

export type SourceName = (typeof SOURCE_NAMES)[number];

/** Sources whose native records are text lines rather than JSON objects. */
export const TEXT_SOURCES: ReadonlySet<SourceName> = new Set<SourceName>(['auditd', 'syslog']);

export const SourceNameSchema = Type.Union(SOURCE_NAMES.map((s) => Type.Literal(s)));

export function isSourceName(s: string): s is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(s);
}
