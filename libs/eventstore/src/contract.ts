import { ErrorCodes } from '@soc/errors';
import type { Envelope, OcsfEventPayload } from '@soc/contracts';
import type { EventStore, StoredEvent } from './event-store';
import { countBySource } from './encoded-messages';
import { LakeIndexer } from './lake-index';
import { LAKE_HINT_HEADER, type LakeMessage, encodeLakeMessage } from './lake-message';
import type { AggregateQuery, Filter, SearchQuery, SearchResult } from './query';
import { RANGE, T0, fixtureTenants, pagingEvents, tenantAEvents, tenantBEvents } from './contract-fixtures';
import { describeContractGuards } from './contract-guards';

/** Builds a fresh, empty store for one contract run. */
export type EventStoreFactory = () => Promise<EventStore>;

/** Short ids of the hits (`a1`, `b2`...), in result order. */
export const shortIds = (r: SearchResult): string[] => r.events.map((e) => e.id.slice(e.id.lastIndexOf('-') + 1));

/**
 * The event store contract: every adapter must pass it. Call inside a spec file; it uses the
 * jest globals only when invoked. Data is loaded once per run under fresh tenant ids.
 */
export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const tenants = fixtureTenants();
    const search = (q: Partial<SearchQuery>, tenant = tenants.a): Promise<SearchResult> => store.search(tenant, { ...RANGE, ...q });
    const filtered = async (...filters: Filter[]): Promise<string[]> => shortIds(await search({ filters, sort: [{ field: 'time', order: 'asc' }] }));

    beforeAll(async () => {
      store = await factory();
      await store.append([...tenantAEvents(tenants.a), ...tenantBEvents(tenants.b)]);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('returns events newest first by default, with the documented hit shape', async () => {
      const r = await search({});
      expect(shortIds(r)).toEqual(['a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
      expect(r.events[0]).toEqual({
        id: `${tenants.a}-a6`, time: new Date(T0 + 10 * 60_000).toISOString(), classUid: 3002, source: 'windows',
        event: expect.objectContaining({ message: 'Carol authenticated via MFA' }),
      });
      expect(r.nextCursor).toBeUndefined();
      expect(typeof r.tookMs).toBe('number');
    });

    it('sorts ascending and by several promoted fields with id as tie-breaker', async () => {
      expect(shortIds(await search({ sort: [{ field: 'time', order: 'asc' }] }))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
      const bySev = await search({ sort: [{ field: 'severity_id', order: 'desc' }, { field: 'time', order: 'asc' }] });
      expect(shortIds(bySev)).toEqual(['a3', 'a2', 'a4', 'a1', 'a5', 'a6']);
    });

    it('restricts to the half-open time range', async () => {
      const r = await search({ from: new Date(T0 + 2 * 60_000).toISOString(), to: new Date(T0 + 4 * 60_000).toISOString() });
      expect(shortIds(r)).toEqual(['a3', 'a2']);
    });

    it('eq / neq on JSON paths and promoted columns, numbers compared numerically', async () => {
      expect(await filtered({ field: 'actor.user.name', op: 'eq', value: 'alice' })).toEqual(['a1', 'a3']);
      expect(await filtered({ field: 'actor.user.name', op: 'eq', value: 'ALICE' })).toEqual([]);
      expect(await filtered({ field: 'class_uid', op: 'eq', value: 3002 })).toEqual(['a1', 'a2', 'a6']);
      expect(await filtered({ field: 'dst_endpoint.port', op: 'eq', value: 443 })).toEqual(['a4']);
      expect(await filtered({ field: 'dst_endpoint.port', op: 'eq', value: 443.0 })).toEqual(['a4']);
      expect(await filtered({ field: 'class_uid', op: 'neq', value: 3002 })).toEqual(['a3', 'a4', 'a5']);
      expect(await filtered({ field: 'actor.user.name', op: 'neq', value: 'alice' })).toEqual(['a2', 'a4', 'a5', 'a6']);
    });

    it('in with strings and with numbers', async () => {
      expect(await filtered({ field: 'actor.user.name', op: 'in', values: ['bob', 'Carol'] })).toEqual(['a2', 'a6']);
      expect(await filtered({ field: 'severity_id', op: 'in', values: [3, 4] })).toEqual(['a2', 'a3']);
      expect(await filtered({ field: 'dst_endpoint.port', op: 'in', values: [22, 8080] })).toEqual(['a5']);
    });

    it('contains and prefix are case-insensitive', async () => {
      expect(await filtered({ field: 'message', op: 'contains', value: 'failure' })).toEqual(['a2']);
      expect(await filtered({ field: 'process.name', op: 'prefix', value: 'power' })).toEqual(['a3']);
      expect(await filtered({ field: 'process.name', op: 'prefix', value: 'shell' })).toEqual([]);
    });

    it('cidr matches IPv4 and IPv6 blocks, including through arrays', async () => {
      expect(await filtered({ field: 'src_endpoint.ip', op: 'cidr', value: '10.0.0.0/8' })).toEqual(['a1', 'a4', 'a5']);
      expect(await filtered({ field: 'src_endpoint.ip', op: 'cidr', value: '10.9.9.10/31' })).toEqual(['a5']);
      expect(await filtered({ field: 'src_endpoint.ip', op: 'cidr', value: '10.9.9.9/32' })).toEqual(['a4']);
      expect(await filtered({ field: 'src_endpoint.ip', op: 'cidr', value: '2001:db8::/32' })).toEqual(['a2']);
      expect(await filtered({ field: 'dst_endpoint.ip', op: 'cidr', value: 'fe80::/10' })).toEqual(['a5']);
      expect(await filtered({ field: 'observables.value', op: 'cidr', value: '203.0.113.0/24' })).toEqual(['a4']);
      expect(await filtered({ field: 'message', op: 'cidr', value: '0.0.0.0/0' })).toEqual([]);
    });

    it('array paths match when any element matches', async () => {
      expect(await filtered({ field: 'observables.value', op: 'eq', value: 'alice' })).toEqual(['a1']);
      expect(await filtered({ field: 'observables.type_id', op: 'eq', value: 2 })).toEqual(['a1', 'a2', 'a4']);
      expect(await filtered({ field: 'observables.value', op: 'eq', value: '10.9.9.9' })).toEqual(['a4']);
    });

    it('exists on leaves and on object paths, and its negation', async () => {
      expect(await filtered({ field: 'process.cmd_line', op: 'exists' })).toEqual(['a3']);
      expect(await filtered({ field: 'process', op: 'exists' })).toEqual(['a3']);
      expect(await filtered({ field: 'traffic.bytes', op: 'exists', value: false })).toEqual(['a1', 'a2', 'a3', 'a6']);
      expect(await filtered({ field: 'severity_id', op: 'exists' })).toHaveLength(6);
    });

    it('numeric comparisons', async () => {
      expect(await filtered({ field: 'traffic.bytes', op: 'gt', value: 1000 })).toEqual(['a4']);
      expect(await filtered({ field: 'traffic.bytes', op: 'lte', value: 120 })).toEqual(['a5']);
      expect(await filtered({ field: 'severity_id', op: 'gte', value: 3 })).toEqual(['a2', 'a3']);
      expect(await filtered({ field: 'time', op: 'lt', value: T0 + 3 * 60_000 })).toEqual(['a1', 'a2']);
      expect(await filtered({ field: 'dst_endpoint.port', op: 'gt', value: 100 }, { field: 'dst_endpoint.port', op: 'lt', value: 1000 })).toEqual(['a4']);
    });

    it('free text is a case-insensitive substring over event values', async () => {
      expect(shortIds(await search({ text: 'PowerShell -ENC' }))).toEqual(['a3']);
      expect(shortIds(await search({ text: 'mfa' }))).toEqual(['a6']);
      expect(shortIds(await search({ text: 'alice', filters: [{ field: 'class_uid', op: 'eq', value: 3002 }] }))).toEqual(['a1']);
      expect(shortIds(await search({ text: "' OR 1=1 --" }))).toEqual([]);
      // Keys are not values: only a3 has cmd_line, and no value holds the text.
      expect(shortIds(await search({ text: 'cmd_line' }))).toEqual([]);
      expect(shortIds(await search({ text: '51000' }))).toEqual(['a4']);
      expect(shortIds(await search({ text: 'sqbfafga' }))).toEqual(['a3']);
    });

    it('aggregates: total, top values by field (promoted and array path), zero-filled histogram', async () => {
      const q: AggregateQuery = { ...RANGE, groupBy: { field: 'class_uid', limit: 10 } };
      const byClass = await store.aggregate(tenants.a, q);
      expect(byClass.total).toBe(6);
      expect(byClass.buckets).toEqual([{ key: '3002', count: 3 }, { key: '4001', count: 2 }, { key: '1007', count: 1 }]);
      const byObs = await store.aggregate(tenants.a, { ...RANGE, groupBy: { field: 'observables.type_id', limit: 2 } });
      expect(byObs.buckets).toEqual([{ key: '2', count: 3 }, { key: '1', count: 1 }]);
      const from = new Date(T0).toISOString();
      const to = new Date(T0 + 12 * 60_000).toISOString();
      const h = await store.aggregate(tenants.a, { from, to, histogram: { interval: '5m' }, filters: [{ field: 'severity_id', op: 'lte', value: 2 }] });
      expect(h.total).toBe(4);
      expect(h.histogram).toEqual([
        { start: new Date(T0).toISOString(), count: 2 },
        { start: new Date(T0 + 5 * 60_000).toISOString(), count: 1 },
        { start: new Date(T0 + 10 * 60_000).toISOString(), count: 1 },
      ]);
      const perMinute = await store.aggregate(tenants.a, { from, to, histogram: { interval: 60 } });
      expect(perMinute.histogram?.map((b) => b.count)).toEqual([0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0]);
    });

    it('append is idempotent on id, within and across batches', async () => {
      const batch = tenantAEvents(tenants.a);
      await store.append([...batch, ...batch.slice(0, 1)]);
      await store.append(tenantAEvents(tenants.a).slice(2, 4));
      expect((await store.aggregate(tenants.a, RANGE)).total).toBe(6);
      expect((await search({ limit: 100 })).events).toHaveLength(6);
    });

    describeContractGuards(() => store, tenants, search);

    describe('paging', () => {
      const t = tenants.paging;
      beforeAll(async () => {
        await store.append(pagingEvents(t, 250));
      });

      for (const order of ['desc', 'asc'] as const) {
        it(`pages ${order} through 250 events in pages of 40 with no gaps or duplicates, despite inserts between pages`, async () => {
          const seen: string[] = [];
          const keys: [number, string][] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const r = await search({ sort: [{ field: 'time', order }], limit: 40, ...(cursor ? { cursor } : {}) }, t);
            seen.push(...r.events.map((e) => e.id));
            keys.push(...r.events.map((e): [number, string] => [Date.parse(e.time), e.id]));
            cursor = r.nextCursor;
            if (pages++ === 1) await store.append(pagingEvents(t, 7, order === 'desc' ? 1000 : 2000));
          } while (cursor && pages < 20);
          const original = pagingEvents(t, 250).map((e) => e.id);
          expect(new Set(seen).size).toBe(seen.length);
          expect(original.every((id) => seen.includes(id))).toBe(true);
          const sign = order === 'asc' ? 1 : -1;
          const monotonic = keys.every(([time, id], i) => {
            const prev = keys[i - 1];
            if (!prev) return true;
            return sign * (time - prev[0]) > 0 || (time === prev[0] && sign * id.localeCompare(prev[1]) > 0);
          });
          expect(monotonic).toBe(true);
          expect(pages).toBeGreaterThanOrEqual(7);
        });
      }
    });

    it('stores checkpoints with their events and reads them back', async () => {
      const consumer = `lake-${tenants.a}`;
      expect(await store.checkpoint(consumer, 'ocsf', 0)).toBeUndefined();
      await store.append(tenantBEvents(tenants.b), [{ consumer, topic: 'ocsf', partition: 0, nextOffset: 42 }]);
      await store.append([], [{ consumer, topic: 'ocsf', partition: 0, nextOffset: 50 }, { consumer, topic: 'ocsf', partition: 1, nextOffset: 7 }]);
      expect(await store.checkpoint(consumer, 'ocsf', 0)).toBe(50);
      expect(await store.checkpoint(consumer, 'ocsf', 1)).toBe(7);
      expect(await store.checkpoint(consumer, 'other', 0)).toBeUndefined();
      const [first] = tenantAEvents(tenants.a);
      if (!first) throw new Error('fixture missing');
      const bad = { ...first, id: `${tenants.a}-bad`, time: Number.NaN };
      await expect(store.append([{ ...bad, time: T0, id: `${tenants.a}-ok` }, bad], [{ consumer, topic: 'ocsf', partition: 0, nextOffset: 99 }])).rejects.toMatchObject({
        code: ErrorCodes.VALIDATION,
      });
      expect(await store.checkpoint(consumer, 'ocsf', 0)).toBe(50);
      expect((await store.aggregate(tenants.a, RANGE)).total).toBe(6);
    });

    it('appends encoded bus messages all or nothing, naming each rejected one', async () => {
      const t = tenants.encoded;
      const consumer = `lake-${t}`;
      const envelope = (e: StoredEvent): string =>
        JSON.stringify({ id: e.id, tenantId: e.tenantId, type: 'normalize.event.normalized', schemaVersion: 1, occurredAt: new Date(e.time).toISOString(), ingestedAt: new Date(e.time).toISOString(), traceId: e.id, payload: { source: e.source, classUid: e.classUid, event: e.event } });
      const good = tenantAEvents(t).slice(0, 3).map(envelope);
      const refused = await store.appendEncoded([good[0] as string, '{"not":"an envelope"}', good[1] as string, '{oops'].map((text) => ({ text })), [{ consumer, topic: 'ocsf', partition: 0, nextOffset: 4 }]);
      expect(refused.rejected.map((r) => r.index)).toEqual([1, 3]);
      expect(refused.rejected[1]?.reason).toMatch(/JSON/);
      expect((await store.aggregate(t, RANGE)).total).toBe(0);
      expect(await store.checkpoint(consumer, 'ocsf', 0)).toBeUndefined();
      const ok = await store.appendEncoded([...good, good[0] as string].map((text) => ({ text })), [{ consumer, topic: 'ocsf', partition: 0, nextOffset: 4 }]);
      // The oldest ingestedAt comes back: ingest's admission steers by how old a commit's oldest event is.
      expect(ok).toEqual({ rejected: [], accepted: { windows: 4 }, oldestIngestedAt: Math.min(...tenantAEvents(t).slice(0, 3).map((e) => e.time)) });
      expect((await store.aggregate(t, RANGE)).total).toBe(3);
      expect(await store.checkpoint(consumer, 'ocsf', 0)).toBe(4);
      const [hit] = (await store.search(t, { ...RANGE, filters: [{ field: 'process.pid', op: 'eq', value: 4242 }] })).events;
      expect(hit?.event).toEqual(tenantAEvents(t)[2]?.event);
    });

    it('stores messages carrying lake hints exactly as the same messages without them', async () => {
      const indexer = new LakeIndexer();
      const envelopeOf = (e: StoredEvent): Envelope<OcsfEventPayload> => ({
        id: e.id, tenantId: e.tenantId, type: 'normalize.event.normalized', schemaVersion: 1, occurredAt: new Date(e.time).toISOString(),
        ingestedAt: new Date(e.time).toISOString(), traceId: e.id, payload: { source: e.source as OcsfEventPayload['source'], classUid: e.classUid, event: e.event },
      });
      // raw_data with quotes, a backslash and an address: it must come back verbatim and stay out of filters.
      const withRaw = (t: string): StoredEvent[] => tenantAEvents(t).map((e, i) => ({ ...e, event: { ...e.event, raw_data: `{"line":${i},"note":"a \\ 'q' 10.77.0.${i}"}` } }));
      const hinted = withRaw(tenants.hinted).map((e) => {
        const m = encodeLakeMessage(envelopeOf(e), indexer);
        expect(m.headers[LAKE_HINT_HEADER]).toBeDefined();
        return { text: m.encoded, headers: m.headers };
      });
      // A hint copied onto another message does not fit its text: that message is decoded in full.
      const misfit = { text: hinted[1]?.text as string, headers: hinted[0]?.headers as Record<string, string> };
      const forged = [hinted[0], misfit, ...hinted.slice(2)] as LakeMessage[];
      const cp = (n: number) => [{ consumer: 'lake-hints', topic: 'ocsf', partition: 0, nextOffset: n }];
      const accepted = countBySource(withRaw(tenants.plain));
      const oldestIngestedAt = Math.min(...withRaw(tenants.plain).map((e) => e.time));
      expect(await store.appendEncoded(forged, cp(6))).toEqual({ rejected: [], accepted, oldestIngestedAt });
      expect(await store.appendEncoded(withRaw(tenants.plain).map((e) => ({ text: JSON.stringify(envelopeOf(e)) })), cp(12))).toEqual({ rejected: [], accepted, oldestIngestedAt });
      const same = async (q: Partial<SearchQuery>): Promise<void> => {
        const [h, n] = await Promise.all([search(q, tenants.hinted), search(q, tenants.plain)]);
        const strip = (r: SearchResult): unknown => r.events.map((e) => ({ ...e, id: e.id.slice(e.id.lastIndexOf('-')), event: { ...e.event, metadata: undefined } }));
        expect(strip(h)).toEqual(strip(n));
        expect(h.events.length).toBeGreaterThan(0);
      };
      await same({});
      await same({ filters: [{ field: 'src_endpoint.ip', op: 'cidr', value: '10.0.0.0/8' }] });
      await same({ filters: [{ field: 'observables.value', op: 'eq', value: 'alice' }] });
      await same({ filters: [{ field: 'severity_id', op: 'in', values: [1, 4] }, { field: 'activity_id', op: 'exists' }] });
      await same({ text: 'powershell' });
      const [hit] = (await search({ filters: [{ field: 'process.pid', op: 'eq', value: 4242 }] }, tenants.hinted)).events;
      expect(hit?.event).toEqual(withRaw(tenants.hinted)[2]?.event);
      // Raw data is stored, not indexed: its address is not a CIDR match, its text not a field.
      expect((await search({ filters: [{ field: 'raw_data', op: 'exists' }] }, tenants.hinted)).events).toEqual([]);
      const bad = encodeLakeMessage({ ...envelopeOf(withRaw(tenants.hinted)[0] as StoredEvent), tenantId: '' }, indexer);
      const refused = await store.appendEncoded([{ text: bad.encoded, headers: bad.headers }], cp(13));
      expect(refused.rejected.map((r) => r.index)).toEqual([0]);
      expect(refused.rejected[0]?.reason).toMatch(/tenantId/);
    });
  });
}
