import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LakeIndexer, rowOf, type StoredEvent } from '@soc/eventstore';
import { StoredIds } from './stored-ids';
import { type TestWriter, openTestWriter } from './testing/writer-fixture';

const id = (i: number): string => `evt-${i.toString(36)}-${(i * 2654435761) >>> 0}`;

describe('StoredIds', () => {
  it('never misses an id it was given, across segments of doubling size', () => {
    const ids = new StoredIds();
    for (let i = 0; i < 100_000; i++) ids.add(id(i));
    let missed = 0;
    for (let i = 0; i < 100_000; i++) if (!ids.mayContain(id(i))) missed++;
    expect(missed).toBe(0);
    expect(ids.size).toBe(100_000); // segments of 65,536 and 131,072 ids
    // 4 bytes an id.
    expect(ids.bytes).toBe((65_536 + 131_072) * 4);
  });

  it('answers about 1 in a million unseen ids as maybe stored', () => {
    const ids = new StoredIds();
    for (let i = 0; i < 100_000; i++) ids.add(id(i));
    let falsePositives = 0;
    for (let i = 1_000_000; i < 1_200_000; i++) if (ids.mayContain(id(i))) falsePositives++;
    expect(falsePositives).toBeLessThan(5); // 200k probes at a 1e-6 design rate: ~0.2 expected
  });

  it('holds nothing when empty', () => {
    expect(new StoredIds().mayContain('x')).toBe(false);
  });
});

describe('DuckDbWriter deduplication through StoredIds', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stored-ids-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const T0 = Date.UTC(2026, 0, 1, 12);
  const events = (from: number, n: number): StoredEvent[] =>
    Array.from({ length: n }, (_, k) => {
      const i = from + k;
      // Times out of order, as late events arrive: every batch spans the whole hour.
      const time = T0 + ((i * 7919) % 3600) * 1000;
      return { id: id(i), tenantId: 't', time, classUid: 4001, source: 'zeek', event: { class_uid: 4001, time, metadata: { uid: id(i) } } };
    });

  const openWriter = (): Promise<TestWriter> => openTestWriter(join(dir, 'lake.duckdb'));

  it('appends new ids without asking DuckDB, and still stores a repeated id once, also after reopening', async () => {
    const indexer = new LakeIndexer();
    const rows = (from: number, n: number) => events(from, n).map((e) => rowOf(e, indexer));
    let lake = await openWriter();
    for (let b = 0; b < 5; b++) await lake.writer.append(rows(b * 2000, 2000), []);
    expect(await lake.count()).toBe(10_000);
    expect(lake.writer.lookups).toBe(0);

    // A redelivered batch (same ids), mixed with new ones: only the repeats are dropped.
    await lake.writer.append([...rows(4000, 500), ...rows(10_000, 500)], []);
    expect(await lake.count()).toBe(10_500);
    expect(lake.writer.lookups).toBe(1);
    lake.close();

    // The filter is rebuilt from the table at open: a repeat after a restart is still caught.
    lake = await openWriter();
    await lake.writer.append(rows(0, 300), []);
    expect(await lake.count()).toBe(10_500);
    expect(lake.writer.lookups).toBe(1);
    await lake.writer.append(rows(20_000, 2000), []);
    expect(await lake.count()).toBe(12_500);
    lake.close();
  });
});
