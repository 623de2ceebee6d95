import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@soc/eventstore';
import { DuckDbEventStore } from './duckdb-event-store';
import { SOC_ERR_EVENTSTORE_LAYOUT } from './duckdb-layout';

const dir = mkdtempSync(join(tmpdir(), 'soc-duckdb-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T = Date.UTC(2026, 0, 1);
const range = { from: '2025-12-31T00:00:00Z', to: '2026-01-02T00:00:00Z' };

function ev(id: string, body: Record<string, unknown>): StoredEvent {
  return { id, tenantId: 't', time: T, classUid: 4001, source: 'zeek', event: { class_uid: 4001, time: T, ...body } };
}

describe('DuckDbEventStore storage layout', () => {
  it('returns raw_data with the event, never matches it in filters or free text, and keeps shapes across reopen', async () => {
    const path = join(dir, 'lake.duckdb');
    const raw = '{"Event":{"secret":"only-in-raw","q":"\\"quoted\\""}}';
    let store = await DuckDbEventStore.open({ path, memoryLimit: '256MB', threads: 1 });
    await store.append([ev('e1', { raw_data: raw, unmapped: { tags: [{ name: 'a' }] } }), ev('e2', { unmapped: { tags: { name: 'b' } } })]);
    await store.close();
    store = await DuckDbEventStore.open({ path });
    try {
      const hit = (await store.search('t', { ...range, filters: [{ field: 'unmapped.tags.name', op: 'eq', value: 'a' }] })).events;
      expect(hit.map((e) => e.id)).toEqual(['e1']);
      expect(hit[0]?.event['raw_data']).toBe(raw);
      expect((await store.search('t', { ...range, filters: [{ field: 'unmapped.tags.name', op: 'in', values: ['a', 'b'] }] })).events).toHaveLength(2);
      expect((await store.search('t', { ...range, text: 'only-in-raw' })).events).toEqual([]);
      expect((await store.search('t', { ...range, filters: [{ field: 'raw_data', op: 'exists' }] })).events).toEqual([]);
      expect((await store.search('t', { ...range, filters: [{ field: 'unmapped.tags', op: 'exists' }] })).events).toHaveLength(2);
      const groups = await store.aggregate('t', { ...range, groupBy: { field: 'unmapped.tags.name' } });
      expect(groups.buckets).toEqual([{ key: 'a', count: 1 }, { key: 'b', count: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('matches free text inside values with JSON escapes (backslashes, quotes), never in keys', async () => {
    const store = await DuckDbEventStore.open({ path: join(dir, 'text.duckdb'), offThread: false });
    try {
      await store.append([ev('p1', { process: { file: { path: 'C:\\Windows\\System32\\cmd.exe' }, cmd_line: 'cmd /c "whoami"' } }), ev('p2', { message: 'path of least resistance' })]);
      const ids = async (text: string): Promise<string[]> => (await store.search('t', { ...range, text })).events.map((e) => e.id).sort();
      expect(await ids('c:\\windows\\system32')).toEqual(['p1']);
      expect(await ids('/c "WHOAMI"')).toEqual(['p1']);
      expect(await ids('path')).toEqual(['p2']);
      expect(await ids('cmd_line')).toEqual([]);
      expect(await ids('"')).toEqual(['p1']);
    } finally {
      await store.close();
    }
  });

  it('keeps writing and searching a file of the layout that stored a free-text column', async () => {
    const path = join(dir, 'with-text-column.duckdb');
    const db = await DuckDBInstance.create(path);
    const conn = await db.connect();
    await conn.run(`CREATE TABLE events (id VARCHAR NOT NULL, tenant_id VARCHAR NOT NULL, time BIGINT NOT NULL, class_uid INTEGER NOT NULL, category_uid INTEGER,
      severity_id INTEGER, activity_id INTEGER, type_uid BIGINT, source VARCHAR NOT NULL, search_text VARCHAR NOT NULL, ips VARCHAR, event VARCHAR NOT NULL, raw_data VARCHAR)`);
    await conn.run(`INSERT INTO events VALUES ('old', 't', ${T}, 4001, 4, NULL, NULL, NULL, 'zeek', 'legacy', NULL, '{"class_uid":4001,"message":"legacy row"}', NULL)`);
    conn.closeSync();
    db.closeSync();
    const store = await DuckDbEventStore.open({ path });
    try {
      await store.append([ev('new', { message: 'fresh row', src_endpoint: { ip: '10.0.0.1' } })]);
      expect((await store.search('t', { ...range, text: 'row' })).events.map((e) => e.id).sort()).toEqual(['new', 'old']);
      expect((await store.search('t', { ...range, filters: [{ field: 'src_endpoint.ip', op: 'cidr', value: '10.0.0.0/8' }] })).events.map((e) => e.id)).toEqual(['new']);
    } finally {
      await store.close();
    }
  });

  it('stores event and raw_data uncompressed, so checkpoints skip compression analysis of them', async () => {
    const path = join(dir, 'uncompressed.duckdb');
    const store = await DuckDbEventStore.open({ path, durability: 'checkpoint' });
    // Repetitive values, which DuckDB compresses when left to choose (dictionary or FSST).
    const events = Array.from({ length: 3000 }, (_, i) => ev(`u${i}`, { message: `logon ${i % 3}`, raw_data: `{"EventID":4624,"n":${i % 3}}` }));
    await store.append(events);
    await store.close();
    const db = await DuckDBInstance.create(path);
    const conn = await db.connect();
    try {
      const rows = (await conn.runAndReadAll(`SELECT DISTINCT column_name, compression FROM pragma_storage_info('events') WHERE column_name IN ('event', 'raw_data') AND segment_type = 'VARCHAR' ORDER BY 1`)).getRows();
      expect(rows).toEqual([
        ['event', 'Uncompressed'],
        ['raw_data', 'Uncompressed'],
      ]);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });

  it('refuses a file written by the earlier layout with SOC_ERR_EVENTSTORE_LAYOUT', async () => {
    const path = join(dir, 'old.duckdb');
    const db = await DuckDBInstance.create(path);
    const conn = await db.connect();
    await conn.run('CREATE TABLE events (id VARCHAR, tenant_id VARCHAR, time BIGINT, search_text VARCHAR, fields JSON, event JSON)');
    conn.closeSync();
    db.closeSync();
    await expect(DuckDbEventStore.open({ path })).rejects.toMatchObject({ code: SOC_ERR_EVENTSTORE_LAYOUT });
  });
});
