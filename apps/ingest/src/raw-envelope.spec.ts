import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ensureDateTimeFormat } from '@soc/bus';
import { type Envelope, MessageTypes, RAW_DATA_SPAN_HEADER, RawEventEnvelope, type RawEventPayload, type SourceName, rawDataText } from '@soc/contracts';
import { type ContentKind, type ParsedRecord, splitRecords } from '@soc/sources';
import { type RawBatchContext, rawEnvelopeEncoder } from './raw-envelope';

const BODIES: Array<[SourceName, ContentKind, string]> = [
  ['okta', 'ndjson', '{"uuid":"u1","eventType":"user.session.start","n":1.50,"big":12345678901234567890,"s":"\\u00e9 \\"q\\" \\\\ </script>"}\n  {"uuid":"u2","dup":1,"dup":2}  \n'],
  ['okta', 'ndjson', '[{"uuid":"in-array-1"},{"uuid":"in-array-2"}]'],
  ['okta', 'json', '[\n  {\n    "uuid": "pretty",\n    "nested": { "a": [1, 2, {"b": null}] }\n  }\n]'],
  ['aws-cloudtrail', 'json', '{"Records":[{"eventName":"GetObject","eventTime":"2026-01-01T00:00:00Z"},{"eventName":"PutObject"}]}'],
  ['syslog', 'text', '<13>1 2026-01-01T00:00:00Z host app 1 - - a "quoted" line with ü and \\ and \u0001\n<13>1 2026-01-01T00:00:01Z host app 1 - - second'],
];

/** The envelope of one record as an object: what the encoder's text must parse to. */
function rawEnvelope(ctx: RawBatchContext, id: string, r: ParsedRecord): Envelope<RawEventPayload> {
  return {
    id,
    tenantId: ctx.tenantId,
    type: MessageTypes.rawEventReceived,
    schemaVersion: 1,
    occurredAt: ctx.nowIso,
    ingestedAt: ctx.nowIso,
    traceId: ctx.traceId,
    payload: { source: ctx.source, format: r.format, data: r.data, channel: ctx.channel, batchId: ctx.batchId, index: r.index },
  };
}

describe('raw envelope encoding', () => {
  ensureDateTimeFormat();
  const check = TypeCompiler.Compile(RawEventEnvelope);

  it.each(BODIES)('encodes %s %s records to the same JSON value as the envelope object, valid for the topic schema', (source, contentType, body) => {
    const ctx: RawBatchContext = { tenantId: 'tenant-"x"', source, channel: 'http', batchId: 'b-1', traceId: 'tr\u2028ace', nowIso: '2026-01-01T00:00:00.000Z' };
    const encode = rawEnvelopeEncoder(ctx);
    const { records, rejected } = splitRecords(source, body, { contentType, maxRecordBytes: 1 << 20, maxRecords: 100 });
    expect(rejected).toEqual([]);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      const { encoded, headers } = encode(`id-${r.index}`, r);
      const value = JSON.parse(encoded) as unknown;
      expect(value).toEqual(rawEnvelope(ctx, `id-${r.index}`, r));
      expect(check.Check(value)).toBe(true);
      // The span header, when set, points at the record's text exactly as it arrived.
      expect(rawDataText(encoded, headers?.[RAW_DATA_SPAN_HEADER])).toBe(r.json);
    }
  });

  it('carries a JSON record as the text it arrived in', () => {
    const line = '{"b":1,  "a":"x"}';
    const [r] = splitRecords('okta', line, { contentType: 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 10 }).records;
    expect(r?.json).toBe(line);
    const { encoded, headers } = rawEnvelopeEncoder({ tenantId: 't', source: 'okta', channel: 'http', batchId: 'b', traceId: 't', nowIso: '2026-01-01T00:00:00.000Z' })('i', r as NonNullable<typeof r>);
    expect(encoded.endsWith(`"data":${line}}}`)).toBe(true);
    expect(rawDataText(encoded, headers?.[RAW_DATA_SPAN_HEADER])).toBe(line);
    // A span that does not fit the layout is ignored.
    expect(rawDataText(encoded, '3;9')).toBeUndefined();
    expect(rawDataText(encoded, 'junk')).toBeUndefined();
    expect(rawDataText(`${encoded} `, headers?.[RAW_DATA_SPAN_HEADER])).toBeUndefined();
  });
});
