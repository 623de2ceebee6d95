import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ensureDateTimeFormat, schemaErrorsText } from '@soc/bus';
import { type Envelope, type OcsfEventPayload, OcsfEventEnvelope } from '@soc/contracts';
import { type EncodedRejection, OldestIngestedAt, decodeOcsfMessages } from './encoded-messages';
import type { StoredEvent } from './event-store';
import { UNINDEXED_KEY } from './flatten';
import type { LakeIndex, LakeIndexer } from './lake-index';

/**
 * Lake hints: how a producer of `events.ocsf` lets an event lake store a message without parsing
 * it. The value stays the complete envelope every other consumer reads; the producer lays it out
 * as `<envelope head>"event":<event without raw_data>,"raw_data":"…"}}}` and says in a header
 * where the event and its raw_data start, with the promoted columns, the IP leaves and the
 * shape fingerprint it computed while it still held the event object. The lake then slices the
 * stored JSON out of the text, parses only the envelope head, and walks the event's structure
 * only for a fingerprint it has not seen. A message without hints, or whose hints do not match
 * its text, takes the full path (parse, check, serialize, index), so hints are never trusted
 * beyond what the text itself confirms.
 */
export const LAKE_HINT_HEADER = 'soc-lake';
/** The IP leaves of the event (LakeIndex.ips), when it has any. */
export const LAKE_IPS_HEADER = 'soc-lake-ips';
const HINT_VERSION = '1';
const RAW_MARK = `,"${UNINDEXED_KEY}":`;

/** A message as an event store receives it: the value's text and the bus headers it came with. */
export interface LakeMessage {
  text: string;
  headers?: Readonly<Record<string, string>>;
}

/** One event ready for a store's writer: promoted columns, stored JSON, index. */
export interface LakeRow {
  id: string;
  tenantId: string;
  time: number;
  classUid: number;
  source: string;
  categoryUid: number | undefined;
  severityId: number | undefined;
  activityId: number | undefined;
  typeUid: number | undefined;
  /** Event JSON without `raw_data`. */
  json: string;
  /** The event's `raw_data` when it is a string. */
  raw: string | null;
  ips: string | null;
  /** Structure fingerprint (LakeIndex.shape). */
  shape: string;
  /** The event object, when this side already had it parsed (saves a parse for a new shape). */
  object?: Record<string, unknown>;
}

const optInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const intText = (v: unknown): string => (typeof v === 'number' && Number.isInteger(v) ? String(v) : '');

/**
 * Encodes an `events.ocsf` envelope with lake hints. Mutates nothing the caller can observe: a
 * string `raw_data` is hidden for the one stringify and put back.
 */
export function encodeLakeMessage(env: Envelope<OcsfEventPayload>, indexer: LakeIndexer): { encoded: string; headers: Record<string, string> } {
  const event = env.payload.event;
  const raw = event[UNINDEXED_KEY];
  let eventText: string;
  let rawAt = -1;
  const head = JSON.stringify({ ...env, payload: { ...env.payload, event: 0 } });
  // `head` ends with `"event":0}}`: the event goes where the 0 is.
  const eventAt = head.length - 3;
  if (typeof raw === 'string') {
    // Setting the key to undefined (not deleting it) keeps the object's shape; stringify skips it.
    event[UNINDEXED_KEY] = undefined;
    let rest: string;
    try {
      rest = JSON.stringify(event);
    } finally {
      event[UNINDEXED_KEY] = raw;
    }
    // An event of raw_data alone has nothing to slice around: it travels without hints.
    if (rest === '{}') return { encoded: JSON.stringify(env), headers: {} };
    rawAt = eventAt + rest.length - 1;
    eventText = `${rest.slice(0, -1)}${RAW_MARK}${JSON.stringify(raw)}}`;
  } else {
    eventText = JSON.stringify(event);
  }
  const encoded = `${head.slice(0, eventAt)}${eventText}}}`;
  const index = indexer.index(event);
  const t = event['time'];
  const hint = [HINT_VERSION, eventAt, rawAt, typeof t === 'number' ? t : '', intText(event['category_uid']), intText(event['severity_id']), intText(event['activity_id']), intText(event['type_uid']), index.shape].join(';');
  const headers: Record<string, string> = { [LAKE_HINT_HEADER]: hint };
  if (index.ips !== null) headers[LAKE_IPS_HEADER] = index.ips;
  return { encoded, headers };
}

let checker: ReturnType<typeof TypeCompiler.Compile<typeof OcsfEventEnvelope>> | undefined;
function envelopeChecker(): NonNullable<typeof checker> {
  if (!checker) {
    ensureDateTimeFormat();
    checker = TypeCompiler.Compile(OcsfEventEnvelope);
  }
  return checker;
}

const num = (s: string | undefined): number | undefined => (s === undefined || s === '' ? undefined : Number(s));

/**
 * The row of a hinted message, or undefined when the hints are absent or do not fit the text
 * (the caller then decodes it in full). The envelope head is parsed and schema-checked here,
 * so id, tenant, class and source always come from the value itself.
 */
function hintedRow(m: LakeMessage, oldest: OldestIngestedAt): LakeRow | { reason: string } | undefined {
  const hint = m.headers?.[LAKE_HINT_HEADER];
  if (hint === undefined) return undefined;
  const f = hint.split(';');
  if (f.length !== 9 || f[0] !== HINT_VERSION) return undefined;
  const text = m.text;
  const eventAt = Number(f[1]);
  const rawAt = Number(f[2]);
  const n = text.length;
  if (!Number.isInteger(eventAt) || eventAt < 1 || eventAt >= n || text.charCodeAt(eventAt) !== 123 /* { */) return undefined;
  if (!text.endsWith('}}}')) return undefined;
  if (rawAt !== -1 && !(Number.isInteger(rawAt) && rawAt > eventAt && text.startsWith(RAW_MARK, rawAt) && text.charCodeAt(rawAt + RAW_MARK.length) === 34 && text.charCodeAt(n - 4) === 34)) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(`${text.slice(0, eventAt)}{}}}`);
  } catch {
    return undefined;
  }
  const check = envelopeChecker();
  if (!check.Check(head)) return { reason: schemaErrorsText(check, head) || 'schema check failed' };
  const env = head as Envelope<OcsfEventPayload>;
  oldest.see(env.ingestedAt);
  let raw: string | null = null;
  if (rawAt !== -1) {
    try {
      raw = JSON.parse(text.slice(rawAt + RAW_MARK.length, n - 3)) as string;
    } catch {
      return undefined;
    }
    if (typeof raw !== 'string') return undefined;
  }
  const json = rawAt === -1 ? text.slice(eventAt, n - 2) : `${text.slice(eventAt, rawAt)}}`;
  const time = num(f[3]) ?? Date.parse(env.occurredAt);
  return {
    id: env.id,
    tenantId: env.tenantId,
    time,
    classUid: env.payload.classUid,
    source: env.payload.source,
    categoryUid: num(f[4]),
    severityId: num(f[5]),
    activityId: num(f[6]),
    typeUid: num(f[7]),
    json,
    raw,
    ips: m.headers?.[LAKE_IPS_HEADER] ?? null,
    shape: f[8] as string,
  };
}

/** The row of a stored event, indexed here (the full path). */
export function rowOf(e: StoredEvent, indexer: LakeIndexer): LakeRow {
  const raw = e.event[UNINDEXED_KEY];
  let json: string;
  if (typeof raw === 'string') {
    const { [UNINDEXED_KEY]: _raw, ...rest } = e.event;
    json = JSON.stringify(rest);
  } else {
    json = JSON.stringify(e.event);
  }
  const index: LakeIndex = indexer.index(e.event);
  return {
    id: e.id,
    tenantId: e.tenantId,
    time: e.time,
    classUid: e.classUid,
    source: e.source,
    categoryUid: optInt(e.event['category_uid']),
    severityId: optInt(e.event['severity_id']),
    activityId: optInt(e.event['activity_id']),
    typeUid: optInt(e.event['type_uid']),
    json,
    raw: typeof raw === 'string' ? raw : null,
    ips: index.ips,
    shape: index.shape,
    object: e.event,
  };
}

/**
 * Decodes `events.ocsf` messages into rows: hinted messages by slicing, the rest by a full parse
 * and schema check (decodeOcsfMessages). Rejections carry the message's index in `messages`.
 */
export function lakeRowsOf(messages: readonly LakeMessage[], indexer: LakeIndexer): { rows: LakeRow[]; rejected: EncodedRejection[]; oldestIngestedAt: number | undefined } {
  const rows: LakeRow[] = [];
  const rejected: EncodedRejection[] = [];
  const oldest = new OldestIngestedAt();
  messages.forEach((m, index) => {
    let row = hintedRow(m, oldest);
    if (row === undefined) {
      const full = decodeOcsfMessages([m.text]);
      oldest.seeMs(full.oldestIngestedAt);
      const e = full.events[0];
      row = e ? rowOf(e, indexer) : { reason: full.rejected[0]?.reason ?? 'not decodable' };
    }
    if ('reason' in row) return void rejected.push({ index, reason: row.reason });
    // Refused here rather than by the store's batch check, which would fail the whole batch.
    if (!Number.isSafeInteger(row.time)) return void rejected.push({ index, reason: 'event time must be integer ms since epoch' });
    rows.push(row);
  });
  return { rows, rejected, oldestIngestedAt: oldest.value };
}

/** Per-source counts of a batch of rows. */
export function countRowsBySource(rows: readonly LakeRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.source] = (out[r.source] ?? 0) + 1;
  return out;
}

