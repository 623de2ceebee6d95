import { type Delivery, deadLetterFor, encodedValue } from '@soc/bus';
import {
  type Clock,
  type DeadLetterPayload,
  type Envelope,
  type OcsfEventPayload,
  type RawEventPayload,
  type SourceName,
  MessageTypes,
  RAW_DATA_SPAN_HEADER,
  RawEventEnvelope,
  rawDataText,
  deterministicId,
} from '@soc/contracts';
import { ErrorCodes } from '@soc/errors';
import { LakeIndexer, encodeLakeMessage } from '@soc/eventstore';
import type { OcsfEvent, SourceMapper } from '@soc/ocsf';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ensureDateTimeFormat, schemaErrorsText } from '@soc/bus';

/** Validates a produced OCSF event against the compiled 1.8.0 schema. */
export type OcsfValidator = (event: unknown) => { valid: true } | { valid: false; errors: string[] };

/** What normalizing needs, in whichever thread it runs. */
export interface NormalizeFunctions {
  mapperFor: (source: SourceName) => SourceMapper | undefined;
  validate: OcsfValidator;
  clock: Clock;
}

/** One raw message as read from the bus, still as JSON text. */
export interface RawItem {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  text: string;
  /** The message's bus headers (RAW_DATA_SPAN_HEADER locates the record's own text). */
  headers?: Readonly<Record<string, string>>;
}

/** Output of one batch: messages already encoded as JSON, plus counts for metrics. */
export interface BatchResult {
  /** Normalized events, encoded with lake hints (headers) so the event lake need not parse them. */
  ocsf: { key: string; encoded: string; headers: Record<string, string> }[];
  dead: { key: string; encoded: string }[];
  /** `source|class_uid` -> events normalized. */
  normalized: Record<string, number>;
  /** `source|code` -> records dead-lettered. */
  deadLettered: Record<string, number>;
}

const bump = (m: Record<string, number>, k: string): void => void (m[k] = (m[k] ?? 0) + 1);

/**
 * Normalizes a batch of raw messages: validate the envelope, map the record to OCSF, validate
 * the event, encode the output. Pure apart from the clock, so it runs the same on the main
 * thread and in a worker. Output ids derive from input ids, so a redelivered batch produces
 * byte-identical messages, which the event lake's idempotent append absorbs.
 */
export function createBatchNormalizer(fns: NormalizeFunctions): (items: readonly RawItem[]) => BatchResult {
  ensureDateTimeFormat();
  const envelope = TypeCompiler.Compile(RawEventEnvelope);
  const indexer = new LakeIndexer();
  return (items) => {
    const out: BatchResult = { ocsf: [], dead: [], normalized: {}, deadLettered: {} };
    for (const item of items) {
      let value: unknown;
      try {
        value = JSON.parse(item.text);
      } catch {
        value = item.text;
      }
      if (!envelope.Check(value)) {
        const reason = schemaErrorsText(envelope, value);
        const delivery: Delivery = { topic: item.topic, partition: item.partition, offset: item.offset, key: item.key, value };
        const dl = deadLetterFor(delivery, 'normalize', reason || 'schema check failed', fns.clock, 64 * 1024);
        out.dead.push({ key: item.key, encoded: encodedValue(dl) ?? '' });
        bump(out.deadLettered, `unknown|${ErrorCodes.MESSAGE_INVALID}`);
        continue;
      }
      const env = value as Envelope<RawEventPayload>;
      let mapped = mapOne(fns, env, rawDataText(item.text, item.headers?.[RAW_DATA_SPAN_HEADER]));
      if ('event' in mapped) {
        try {
          const { encoded, headers } = encodeLakeMessage(ocsfEnvelope(env, mapped.event), indexer);
          out.ocsf.push({ key: entityKey(env.tenantId, mapped.event), encoded, headers });
          bump(out.normalized, `${env.payload.source}|${mapped.event.class_uid}`);
          continue;
        } catch (err) {
          // One record must never fail its whole batch: a batch that throws is redelivered
          // forever and stalls its partition. The record is kept as a dead letter instead.
          mapped = { code: ErrorCodes.RECORD_UNMAPPABLE, reason: `could not encode the mapped event: ${(err as Error).message}` };
        }
      }
      out.dead.push({ key: item.key, encoded: JSON.stringify(deadLetter(fns.clock, env, mapped.code, mapped.reason)) });
      bump(out.deadLettered, `${env.payload.source}|${mapped.code}`);
    }
    return out;
  };
}

const str = (o: unknown, k: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
};

/**
 * The key of a normalized event: tenant plus the entity it is about (host, else user, else
 * source address), so every event of one entity lands in one partition, in order, for the
 * per-entity state of detection and correlation.
 */
export function entityKey(tenantId: string, e: OcsfEvent): string {
  const actor = e['actor'] as Record<string, unknown> | undefined;
  const entity =
    str(e['device'], 'hostname') ??
    str(e['device'], 'ip') ??
    str(actor?.['user'], 'name') ??
    str(e['user'], 'name') ??
    str(e['src_endpoint'], 'ip') ??
    String(e.class_uid);
  return `${tenantId}:${entity.toLowerCase()}`;
}

function mapOne(fns: NormalizeFunctions, env: Envelope<RawEventPayload>, rawText: string | undefined): { event: OcsfEvent } | { code: string; reason: string } {
  const mapper = fns.mapperFor(env.payload.source);
  if (!mapper) return { code: ErrorCodes.RECORD_UNMAPPABLE, reason: `no mapper for source '${env.payload.source}'` };
  let result;
  try {
    result = mapper.map(env.payload.data, { tenantId: env.tenantId, eventUid: env.id, receivedAt: Date.parse(env.ingestedAt), rawText });
  } catch (err) {
    // A mapper bug must not stall the partition: the record is kept with the reason instead.
    return { code: ErrorCodes.RECORD_UNMAPPABLE, reason: `mapper failed: ${(err as Error).message}` };
  }
  if (!result.ok) return { code: result.code, reason: result.reason };
  const check = fns.validate(result.event);
  if (!check.valid) return { code: ErrorCodes.RECORD_INVALID_OCSF, reason: `mapped event fails OCSF 1.8.0: ${check.errors.slice(0, 5).join('; ')}` };
  return { event: result.event };
}

function ocsfEnvelope(raw: Envelope<RawEventPayload>, event: OcsfEvent): Envelope<OcsfEventPayload> {
  return {
    id: raw.id,
    tenantId: raw.tenantId,
    type: MessageTypes.ocsfEventNormalized,
    schemaVersion: 1,
    occurredAt: new Date(event.time).toISOString(),
    ingestedAt: raw.ingestedAt,
    traceId: raw.traceId,
    payload: { source: raw.payload.source, classUid: event.class_uid, event },
  };
}

/** How much of a rejected record a dead letter keeps. */
const MAX_ORIGINAL_CHARS = 64 * 1024;

function deadLetter(clock: Clock, raw: Envelope<RawEventPayload>, code: string, reason: string): Envelope<DeadLetterPayload> {
  const now = new Date(clock.now()).toISOString();
  const text = typeof raw.payload.data === 'string' ? raw.payload.data : JSON.stringify(raw.payload.data);
  const truncated = text.length > MAX_ORIGINAL_CHARS;
  return {
    id: deterministicId('normalize', raw.id),
    tenantId: raw.tenantId,
    type: MessageTypes.deadLettered,
    schemaVersion: 1,
    occurredAt: now,
    ingestedAt: raw.ingestedAt,
    traceId: raw.traceId,
    payload: {
      stage: 'normalize',
      topic: 'events.raw',
      source: raw.payload.source,
      code,
      reason: reason.slice(0, 2000),
      original: truncated ? text.slice(0, MAX_ORIGINAL_CHARS) : raw.payload.data,
      originalTruncated: truncated,
    },
  };
}
