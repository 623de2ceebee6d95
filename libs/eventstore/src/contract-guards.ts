import { ErrorCodes } from '@soc/errors';
import type { EventStore } from './event-store';
import type { Filter, SearchQuery, SearchResult } from './query';
import { RANGE, T0 } from './contract-fixtures';

type Search = (q: Partial<SearchQuery>, tenant?: string) => Promise<SearchResult>;

const queryInvalid = { code: ErrorCodes.QUERY_INVALID, httpStatus: 400 };
const cursorInvalid = { code: ErrorCodes.CURSOR_INVALID, httpStatus: 400 };

/** Tenant isolation and input rejection parts of the contract (see describeEventStoreContract). */
export function describeContractGuards(getStore: () => EventStore, tenants: { a: string; b: string }, search: Search): void {
  describe('tenant isolation', () => {
    const leakProbes: Filter[][] = [
      [],
      [{ field: 'actor.user.name', op: 'eq', value: 'alice' }],
      [{ field: 'src_endpoint.ip', op: 'cidr', value: '0.0.0.0/0' }],
      [{ field: 'observables.value', op: 'eq', value: '10.1.2.3' }],
      [{ field: 'severity_id', op: 'gte', value: 0 }],
      [{ field: 'message', op: 'exists' }],
    ];

    it('no filter or text lets tenant A see tenant B rows', async () => {
      for (const filters of leakProbes) {
        const r = await search({ filters, limit: 1000 });
        expect(r.events.every((e) => e.id.startsWith(`${tenants.a}-`))).toBe(true);
      }
      expect((await search({ text: 'tenant b secret' })).events).toEqual([]);
      expect((await search({}, tenants.b)).events.map((e) => e.id).every((id) => id.startsWith(`${tenants.b}-`))).toBe(true);
      expect((await search({}, 'tenant-nobody')).events).toEqual([]);
    });

    it('aggregates count only the calling tenant', async () => {
      const store = getStore();
      const a = await store.aggregate(tenants.a, { ...RANGE, groupBy: { field: 'actor.user.name', limit: 10 }, histogram: { interval: '1h' } });
      expect(a.buckets).toEqual([{ key: 'alice', count: 2 }, { key: 'Carol', count: 1 }, { key: 'bob', count: 1 }]);
      expect(a.histogram?.reduce((n, b) => n + b.count, 0)).toBe(a.total);
      const b = await store.aggregate(tenants.b, { ...RANGE, text: 'secret' });
      expect(b.total).toBe(1);
      expect((await store.aggregate(tenants.a, { ...RANGE, text: 'secret' })).total).toBe(0);
      expect((await store.aggregate('tenant-nobody', RANGE)).total).toBe(0);
    });

    it("a cursor issued to tenant A is rejected for tenant B and for another query", async () => {
      const cursor = (await search({ limit: 2 })).nextCursor ?? 'missing';
      await expect(search({ limit: 2, cursor }, tenants.b)).rejects.toMatchObject(cursorInvalid);
      await expect(search({ limit: 2, cursor, text: 'a' })).rejects.toMatchObject(cursorInvalid);
      expect((await search({ limit: 2, cursor })).events).toHaveLength(2);
    });
  });

  describe('invalid input', () => {
    const bad: [string, Partial<SearchQuery>][] = [
      ['SQL in a field path', { filters: [{ field: "actor.user.name') OR 1=1 --", op: 'eq', value: 'x' }] }],
      ['quote in a field path', { filters: [{ field: 'a"b', op: 'eq', value: 'x' }] }],
      ['empty path segment', { filters: [{ field: 'actor..name', op: 'eq', value: 'x' }] }],
      ['path too deep', { filters: [{ field: 'a.b.c.d.e.f.g.h.i', op: 'eq', value: 'x' }] }],
      ['unknown operator', { filters: [{ field: 'a', op: 'like' as Filter['op'], value: 'x' }] }],
      ['in without values', { filters: [{ field: 'a', op: 'in', value: 'x' }] }],
      ['gt with a string', { filters: [{ field: 'a', op: 'gt', value: '5' }] }],
      ['malformed cidr', { filters: [{ field: 'src_endpoint.ip', op: 'cidr', value: '10.0.0.0/33' }] }],
      ['eq without value', { filters: [{ field: 'a', op: 'eq' }] }],
      ['from after to', { from: RANGE.to, to: RANGE.from }],
      ['range over the maximum', { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
      ['not a date-time', { from: 'yesterday' }],
      ['limit 0', { limit: 0 }],
      ['limit over 1000', { limit: 1001 }],
      ['sort on a non-promoted field', { sort: [{ field: 'actor.user.name' as 'time', order: 'asc' }] }],
      ['unknown property', { ...({ tenantId: 'tenant-b' } as Partial<SearchQuery>) }],
    ];
    it.each(bad)('rejects %s with SOC_ERR_QUERY_INVALID', async (_label, q) => {
      await expect(search(q)).rejects.toMatchObject(queryInvalid);
    });

    it('names the offending part in details', async () => {
      await expect(search({ filters: [{ field: 'ok', op: 'eq', value: 1 }, { field: 'x', op: 'gt', value: 'nope' }] })).rejects.toMatchObject({
        details: expect.objectContaining({ part: 'filters.1' }),
      });
    });

    it('rejects garbage and tampered cursors with SOC_ERR_CURSOR_INVALID', async () => {
      const page = await search({ limit: 1 });
      const c = page.nextCursor ?? 'missing';
      const flipped = c.slice(0, 3) + (c[3] === 'A' ? 'B' : 'A') + c.slice(4);
      for (const cursor of ['garbage', 'a.b', flipped, `${c}x`, `${c}.x`]) {
        await expect(search({ limit: 1, cursor })).rejects.toMatchObject(cursorInvalid);
      }
    });

    it('rejects bad aggregate queries', async () => {
      const store = getStore();
      await expect(store.aggregate(tenants.a, { ...RANGE, histogram: { interval: '2m' as '1m' } })).rejects.toMatchObject(queryInvalid);
      await expect(store.aggregate(tenants.a, { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', histogram: { interval: 1 } })).rejects.toMatchObject(queryInvalid);
      await expect(store.aggregate(tenants.a, { ...RANGE, groupBy: { field: 'x;drop', limit: 5 } })).rejects.toMatchObject(queryInvalid);
    });

    it('treats hostile values as data, never as SQL', async () => {
      const r = await search({ filters: [{ field: 'actor.user.name', op: 'in', values: ["alice' OR '1'='1", 'x"); DROP TABLE events; --'] }] });
      expect(r.events).toEqual([]);
      expect((await search({ from: new Date(T0).toISOString() })).events.length).toBeGreaterThan(0);
    });
  });
}
