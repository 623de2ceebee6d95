import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LakeIndexer, rowOf, type LakeRow } from '@soc/eventstore';
import type { DuckDbWriter } from './duckdb-writer';
import { type TestWriter, openTestWriter } from './testing/writer-fixture';

const T0 = Date.UTC(2026, 0, 1, 12);
const indexer = new LakeIndexer();
const rows = (from: number, n: number): LakeRow[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const time = T0 + i * 1000;
    return rowOf({ id: `evt-${i}`, tenantId: 't', time, classUid: 4001, source: 'zeek', event: { class_uid: 4001, time, metadata: { uid: `evt-${i}` } } }, indexer);
  });
const cp = (partition: number, nextOffset: number) => ({ consumer: 'lake', topic: 'events.ocsf', partition, nextOffset });

describe('DuckDbWriter group commit', () => {
  let dir: string;
  let lake: TestWriter;
  let writer: DuckDbWriter;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duckdb-writer-'));
    lake = await openTestWriter(join(dir, 'lake.duckdb'));
    writer = lake.writer;
  });
  afterEach(() => {
    lake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (): Promise<number> => lake.count();
  const checkpoints = async (): Promise<string[]> =>
    (await lake.conn.runAndReadAll('SELECT part, next_offset FROM checkpoints ORDER BY part')).getRows().map((r) => `${String(r[0])}:${String(r[1])}`);

  it('merges appends queued behind a running commit into one transaction, with every checkpoint', async () => {
    // The first starts at once; the three queued behind it go into one more commit.
    await Promise.all([writer.append(rows(0, 100), [cp(0, 100)]), writer.append(rows(100, 100), [cp(1, 50)]), writer.append(rows(200, 100), [cp(2, 70)]), writer.append(rows(300, 100), [cp(0, 200)])]);
    expect(writer.commits).toBe(2);
    expect(await count()).toBe(400);
    // The later checkpoint of a partition wins; a partition's first checkpoint inserts its row.
    expect(await checkpoints()).toEqual(['0:200', '1:50', '2:70']);
  });

  it('stores an id repeated across merged appends once', async () => {
    await Promise.all([writer.append(rows(0, 10), []), writer.append(rows(5, 10), []), writer.append(rows(10, 10), [])]);
    expect(writer.commits).toBe(2);
    expect(await count()).toBe(20);
  });

  it('fails only the bad append of a group: the others commit on their own', async () => {
    const bad = rows(1000, 3).map((r, i) => (i === 1 ? { ...r, source: null as unknown as string } : r));
    const results = await Promise.allSettled([writer.append(rows(0, 10), [cp(0, 10)]), writer.append(rows(10, 10), [cp(1, 10)]), writer.append(bad, [cp(2, 3)]), writer.append(rows(20, 10), [cp(3, 10)])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(30);
    // The failed append's checkpoint was rolled back with its rows: it is redelivered.
    expect(await checkpoints()).toEqual(['0:10', '1:10', '3:10']);
  });

  it('caps a group by rows', async () => {
    await Promise.all([writer.append(rows(0, 10), []), writer.append(rows(10, 6000), []), writer.append(rows(6010, 6000), [])]);
    // 10, then 6,000 (adding the next 6,000 would pass 10,000), then 6,000.
    expect(writer.commits).toBe(3);
    expect(await count()).toBe(12_010);
  });
});
