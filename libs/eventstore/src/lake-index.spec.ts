import type { Envelope, OcsfEventPayload } from '@soc/contracts';
import { LakeIndexer } from './lake-index';
import { LAKE_HINT_HEADER, LAKE_IPS_HEADER, encodeLakeMessage, lakeRowsOf, rowOf } from './lake-message';

const event = (): Record<string, unknown> => ({
  class_uid: 4001, category_uid: 4, activity_id: 6, type_uid: 400106, severity_id: 2, time: 1767225600000,
  raw_data: 'SECRET 10.9.9.9 "quoted" \\ back', message: 'Hello 10.0.0.9', count: 3, ok: false, gone: null,
  src_endpoint: { ip: '10.0.0.1' }, observables: [{ type_id: 2, value: '2001:db8::1' }, { value: 'wks-1' }], answers: [{ rdata: '1.2.3.4' }],
});

const envelope = (e: Record<string, unknown>): Envelope<OcsfEventPayload> => ({
  id: 'ev-1', tenantId: 'default', type: 'normalize.event.normalized', schemaVersion: 1, occurredAt: '2026-01-01T00:00:00.000Z',
  ingestedAt: '2026-01-01T00:00:01.000Z', traceId: 'tr-1', payload: { source: 'zeek', classUid: 4001, event: e },
});

describe('LakeIndexer', () => {
  it('gives IP forms under IP keys only, raw_data and free text left out', () => {
    const idx = new LakeIndexer().index(event());
    expect(JSON.parse(idx.ips ?? '{}')).toEqual({ 'src_endpoint.ip': ['00000000000000000000ffff0a000001'], 'observables.value': ['20010db8000000000000000000000001'] });
    expect(new LakeIndexer().index({ message: 'x' }).ips).toBeNull();
  });

  it('fingerprints structure, not values, the same in every indexer', () => {
    const a = new LakeIndexer();
    const b = new LakeIndexer();
    const base = a.index(event()).shape;
    expect(b.index({ ...event(), message: 'other text', count: 99, raw_data: 'x' }).shape).toBe(base);
    expect(a.index({ ...event(), gone: 'now a string' }).shape).not.toBe(base);
    expect(a.index({ ...event(), count: { nested: 1 } }).shape).not.toBe(base);
    expect(a.index({ ...event(), count: [1] }).shape).not.toBe(base);
    expect(a.index({ ...event(), answers: [{ rdata: '1.2.3.4', ttl: 5 }] }).shape).not.toBe(base);
    // Moving a key to another level changes the fingerprint even with the same key set.
    expect(a.index({ x: { y: 1 }, z: 2 }).shape).not.toBe(a.index({ x: { y: 1, z: 2 } }).shape);
  });
});

describe('lake hints', () => {
  it('lay the value out so the stored JSON slices out of it, and give the same row as a full decode', () => {
    const indexer = new LakeIndexer();
    const e = event();
    const { encoded, headers } = encodeLakeMessage(envelope(e), indexer);
    // The value is still the complete envelope; raw_data comes last in the event.
    const parsed = JSON.parse(encoded) as Envelope<OcsfEventPayload>;
    expect(parsed).toEqual(envelope(event()));
    expect(Object.keys(parsed.payload.event).pop()).toBe('raw_data');
    expect(e).toEqual(event());
    expect(headers[LAKE_IPS_HEADER]).toBeDefined();
    const fast = lakeRowsOf([{ text: encoded, headers }], indexer);
    const full = lakeRowsOf([{ text: encoded }], indexer);
    expect(fast.rejected).toEqual([]);
    const { object: _o, ...fullRow } = full.rows[0] as NonNullable<(typeof full.rows)[0]>;
    expect(fast.rows[0]).toEqual(fullRow);
    expect(JSON.parse(fullRow.json)).toEqual({ ...event(), raw_data: undefined });
    expect(fullRow.raw).toBe(event()['raw_data']);
    expect(rowOf({ id: 'ev-1', tenantId: 'default', time: 1767225600000, classUid: 4001, source: 'zeek', event: event() }, indexer)).toEqual(full.rows[0]);
  });

  it('are ignored when they do not fit the text, and never override the envelope', () => {
    const indexer = new LakeIndexer();
    const { encoded, headers } = encodeLakeMessage(envelope(event()), indexer);
    const hint = headers[LAKE_HINT_HEADER] as string;
    const shifted = hint.replace(/^1;(\d+);/, (_m, at: string) => `1;${Number(at) + 1};`);
    for (const h of [shifted, `2${hint.slice(1)}`, 'garbage']) {
      const r = lakeRowsOf([{ text: encoded, headers: { ...headers, [LAKE_HINT_HEADER]: h } }], indexer);
      expect(r.rows[0]?.object).toBeDefined(); // decoded in full
      expect(r.rows[0]?.tenantId).toBe('default');
    }
    const other = encodeLakeMessage({ ...envelope(event()), tenantId: 'tenant-b' }, indexer);
    expect(lakeRowsOf([{ text: other.encoded, headers }], indexer).rows[0]?.tenantId).toBe('tenant-b');
  });

  it('leave an event without a string raw_data whole', () => {
    const indexer = new LakeIndexer();
    const { raw_data: _r, ...noRaw } = event();
    const { encoded, headers } = encodeLakeMessage(envelope(noRaw), indexer);
    const [row] = lakeRowsOf([{ text: encoded, headers }], indexer).rows;
    expect(row?.raw).toBeNull();
    expect(row?.object).toBeUndefined();
    expect(JSON.parse(row?.json ?? '')).toEqual(noRaw);
  });
});
