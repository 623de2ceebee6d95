import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ManualClock, RAW_DATA_SPAN_HEADER, deterministicId, rawDataSpan } from '@soc/contracts';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { WorkerPoolEngine, inlineEngine } from './engine';
import type { RawItem } from './normalize-batch';

const SYSMON = readFileSync(
  resolve(__dirname, '../../../../shared/corpora/logs/evtx-to-mitre-attack/EVTX_full_APT_attack_steps/ID11,13,17,18-PSexec as system execution.ndjson'),
  'utf8',
)
  .trim()
  .split('\n')[0] as string;

function raw(offset: number, data: unknown, source = 'windows'): RawItem {
  const envelope = {
    id: deterministicId('t', 'b', offset),
    tenantId: 'acme',
    type: 'ingest.event.received',
    schemaVersion: 1,
    occurredAt: '2026-11-01T00:00:00.000Z',
    ingestedAt: '2026-11-01T00:00:00.000Z',
    traceId: 'tr',
    payload: { source, format: 'json', data, channel: 'http', batchId: 'b', index: offset },
  };
  return { topic: 'events.raw', partition: 0, offset, key: `acme:${source}`, text: JSON.stringify(envelope) };
}

describe('normalize engines', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 1));
  const items = [raw(0, JSON.parse(SYSMON)), raw(1, { not: 'a windows event' }), { topic: 'events.raw', partition: 0, offset: 2, key: 'k', text: '{"broken":' }];

  it('maps to valid OCSF and dead-letters what it cannot map, with reasons', async () => {
    const engine = inlineEngine({ mapperFor, validate: validateOcsf, clock });
    const r = await engine.process(items);
    expect(r.ocsf).toHaveLength(1);
    const env = JSON.parse(r.ocsf[0]?.encoded ?? '{}') as { id: string; tenantId: string; payload: { classUid: number; event: Record<string, unknown> } };
    expect(env).toMatchObject({ id: deterministicId('t', 'b', 0), tenantId: 'acme', payload: { classUid: 1007 } });
    expect(validateOcsf(env.payload.event)).toEqual({ valid: true });
    expect((env.payload.event['metadata'] as { uid: string }).uid).toBe(env.id);
    const dead = r.dead.map((d) => JSON.parse(d.encoded) as { payload: { stage: string; code: string; reason: string } });
    expect(dead.map((d) => d.payload.code).sort()).toEqual(['SOC_ERR_MESSAGE_INVALID', 'SOC_ERR_RECORD_UNMAPPABLE']);
    expect(dead.every((d) => d.payload.stage === 'normalize' && d.payload.reason.length > 0)).toBe(true);
    expect(r.normalized).toEqual({ 'windows|1007': 1 });
  });

  it('keeps the record text ingest carried verbatim as raw_data, and serializes the record when there is none', async () => {
    // The ingest layout: data last, its span in a header. Whitespace and escapes survive only verbatim.
    const text = SYSMON.replace('{', '{ ').replace('"Event"', '"\\u0045vent"');
    const head = JSON.stringify({ ...JSON.parse(raw(5, null).text), payload: { source: 'windows', format: 'json', channel: 'http', batchId: 'b', index: 5 } }).slice(0, -2);
    const value = `${head},"data":${text}}}`;
    const spanned: RawItem = { topic: 'events.raw', partition: 0, offset: 5, key: 'k', text: value, headers: { [RAW_DATA_SPAN_HEADER]: rawDataSpan(head.length + 8, text.length) } };
    const engine = inlineEngine({ mapperFor, validate: validateOcsf, clock });
    const [verbatim, rebuilt] = (await engine.process([spanned, { ...spanned, headers: {} }])).ocsf.map((o) => JSON.parse(o.encoded).payload.event as Record<string, unknown>);
    expect(verbatim?.['raw_data']).toBe(text);
    expect(rebuilt?.['raw_data']).toBe(JSON.stringify(JSON.parse(text)));
    // Only raw_data and its size differ: the verbatim text keeps the sender's spacing.
    expect(verbatim?.['raw_data_size']).toBe(Buffer.byteLength(text));
    expect({ ...verbatim, raw_data: null, raw_data_size: null, metadata: null }).toEqual({ ...rebuilt, raw_data: null, raw_data_size: null, metadata: null });
  });

  it('gives the same output from a worker thread as on the main thread', async () => {
    const pool = new WorkerPoolEngine(1);
    try {
      const fromWorker = await pool.process(items.slice(0, 2));
      const inline = await inlineEngine({ mapperFor, validate: validateOcsf, clock }).process(items.slice(0, 2));
      expect(fromWorker.ocsf).toEqual(inline.ocsf);
      expect(fromWorker.dead.map((d) => JSON.parse(d.encoded).payload.code)).toEqual(inline.dead.map((d) => JSON.parse(d.encoded).payload.code));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('never lets one record fail its batch: an unencodable event becomes a dead letter', async () => {
    const badTime = { class_uid: 0, category_uid: 0, activity_id: 99, type_uid: 99, severity_id: 1, time: 1e19, metadata: {} };
    const engine = inlineEngine({ mapperFor: () => ({ source: 'windows', map: () => ({ ok: true, event: badTime }) }), validate: () => ({ valid: true }), clock });
    const r = await engine.process([raw(5, { any: 1 }), raw(6, { any: 2 })]);
    expect(r.ocsf).toEqual([]);
    expect(r.dead.map((d) => JSON.parse(d.encoded).payload.code)).toEqual(['SOC_ERR_RECORD_UNMAPPABLE', 'SOC_ERR_RECORD_UNMAPPABLE']);
  });

  it('maps a record whose timestamp no Date can hold, using the receive time instead', async () => {
    const okta = { uuid: 'u1', published: 1e25, eventType: 'user.session.start', actor: { id: 'a', type: 'User', alternateId: 'alice@example.com' }, outcome: { result: 'SUCCESS' } };
    const r = await inlineEngine({ mapperFor, validate: validateOcsf, clock }).process([raw(7, okta, 'okta')]);
    expect(r.dead).toEqual([]);
    const env = JSON.parse(r.ocsf[0]?.encoded ?? '{}') as { payload: { event: { time: number } } };
    expect(env.payload.event.time).toBe(Date.parse('2026-11-01T00:00:00.000Z'));
  });
});
