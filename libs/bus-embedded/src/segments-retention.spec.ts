import { readdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '@soc/contracts';
import { EmbeddedBus } from './embedded-bus';
import { captureLogger, seqMessage } from './test-fixtures/capture-logger';
import { readAll } from './test-fixtures/read-all';

const seqs = (ds: ReadonlyArray<{ value: unknown }>): number[] => ds.map((d) => (d.value as { payload: { seq: number } }).payload.seq);
const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('EmbeddedBus segments and retention', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'soc-bus-seg-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const segments = async (): Promise<string[]> => (await readdir(path.join(dir, 'events', '0'))).filter((f) => f.endsWith('.log')).sort();

  const fill = async (bus: EmbeddedBus, count: number, from = 0): Promise<void> => {
    for (let i = 0; i < count; i += 10) await bus.publish('events', range(10, from + i).map((s) => seqMessage('k', s, 'x'.repeat(100))));
  };

  it('rolls segments and lets a consumer far behind read across them from disk', async () => {
    const bus = await EmbeddedBus.open({ dir, partitions: 1, segmentBytes: 4096, tailCacheRecords: 16 });
    await fill(bus, 600);
    const files = await segments();
    expect(files.length).toBeGreaterThan(10);
    expect(files[0]).toBe('00000000000000000000.log');
    const got = await readAll(bus, 'events', 'behind', 37);
    expect(seqs(got)).toEqual(range(600));
    expect(got.map((d) => d.offset)).toEqual(range(600));
    await bus.close();
    // After reopen the first segments are read without any in-memory index.
    const reopened = await EmbeddedBus.open({ dir, partitions: 1, segmentBytes: 4096, tailCacheRecords: 16 });
    expect(seqs(await readAll(reopened, 'events', 'cold', 500))).toEqual(range(600));
    await reopened.close();
  });

  it('deletes expired segments only once every registered group has consumed them', async () => {
    const clock = new ManualClock();
    const logger = captureLogger();
    const bus = await EmbeddedBus.open({ dir, partitions: 1, segmentBytes: 4096, clock, logger, retention: { maxAgeMs: 60_000 } });
    // Registers group "slow" at offset 0 (subscribing writes its start offset) without consuming anything.
    await (await bus.subscribe({ topic: 'events', group: 'slow', handler: async () => undefined })).stop();
    await fill(bus, 300);
    clock.advance(120_000);
    await fill(bus, 10, 300); // a fresh active segment, newer than the cut-off
    const before = await segments();
    expect((await bus.enforceRetention()).deletedSegments).toBe(0);
    expect(await segments()).toEqual(before);

    // A group that caught up lets retention go, but only up to what "slow" has committed.
    await bus.close();
    const reopened = await EmbeddedBus.open({ dir, partitions: 1, segmentBytes: 4096, clock, logger, retention: { maxAgeMs: 60_000 } });
    expect(seqs(await readAll(reopened, 'events', 'fast'))).toHaveLength(310);
    expect((await reopened.enforceRetention()).deletedSegments).toBe(0);
    expect(seqs(await readAll(reopened, 'events', 'slow'))).toHaveLength(310);
    const result = await reopened.enforceRetention();
    // The last old segment may also hold the first new records, which keeps it.
    expect(result.deletedSegments).toBeGreaterThanOrEqual(before.length - 2);
    expect((await segments()).length).toBeLessThanOrEqual(2);
    // A new group starts at the oldest record left: only expired records are gone.
    const oldest = seqs(await readAll(reopened, 'events', 'late'))[0] ?? -1;
    expect(oldest).toBeGreaterThan(0);
    expect(oldest).toBeLessThanOrEqual(300);
    await reopened.close();
  });

  it('enforces a size limit without passing a group', async () => {
    const bus = await EmbeddedBus.open({ dir, partitions: 1, segmentBytes: 4096, retention: { maxBytes: 8192 } });
    await fill(bus, 300);
    await readAll(bus, 'events', 'g');
    await bus.enforceRetention();
    const files = await segments();
    expect(files.length).toBeLessThanOrEqual(3);
    const rest = seqs(await readAll(bus, 'events', 'late'));
    expect(rest.at(-1)).toBe(299);
    expect(rest).toEqual(range(rest.length, 300 - rest.length));
    await bus.close();
  });
});
