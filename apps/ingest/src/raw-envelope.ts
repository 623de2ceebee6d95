import { type SourceName, MessageTypes, RAW_DATA_SPAN_HEADER, rawDataSpan } from '@soc/contracts';
import type { ParsedRecord } from '@soc/sources';

/** What every record of one ingest request shares. */
export interface RawBatchContext {
  tenantId: string;
  source: SourceName;
  channel: string;
  batchId: string;
  traceId: string;
  /** Receive time, ISO 8601: both occurredAt and ingestedAt of a raw record. */
  nowIso: string;
}

/** One encoded record: the value's text, and the span header when the record travels verbatim. */
export interface EncodedRaw {
  encoded: string;
  headers?: Record<string, string>;
}

/**
 * Encodes raw-event envelopes as JSON text, the same JSON value serializing the envelope object gives
 * (raw-envelope.spec.ts holds it to that) but built from parts: the fields every record of
 * the request shares are serialized once, and a JSON record travels as the very text it arrived
 * in (it has just been parsed, so it is valid JSON) instead of being serialized again. Ingest
 * runs on the thread that also serves HTTP and the bus; that serialization was its largest cost.
 * `data` goes last, and a verbatim record gets a RAW_DATA_SPAN_HEADER saying where it is, so
 * normalize keeps that text as `raw_data` without serializing the record once more.
 */
export function rawEnvelopeEncoder(ctx: RawBatchContext): (id: string, r: ParsedRecord) => EncodedRaw {
  const q = JSON.stringify;
  const afterId = `,"tenantId":${q(ctx.tenantId)},"type":${q(MessageTypes.rawEventReceived)},"schemaVersion":1,"occurredAt":${q(ctx.nowIso)},"ingestedAt":${q(ctx.nowIso)},"traceId":${q(ctx.traceId)},"payload":{"source":${q(ctx.source)},"channel":${q(ctx.channel)},"batchId":${q(ctx.batchId)},"format":`;
  return (id, r) => {
    const head = `{"id":${q(id)}${afterId}${q(r.format)},"index":${r.index},"data":`;
    if (r.json === undefined) return { encoded: `${head}${q(r.data)}}}` };
    return { encoded: `${head}${r.json}}}`, headers: { [RAW_DATA_SPAN_HEADER]: rawDataSpan(head.length, r.json.length) } };
  };
}
