import { open, readdir, stat, truncate } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { crc32, crc32Portable } from './crc32';
import { EmbeddedBus } from './embedded-bus';
import { captureLogger, seqMessage } from './test-fixtures/capture-logger';
import { readAll } from './test-fixtures/read-all';

const seqs = (ds: ReadonlyArray<{ value: unknown }>): number[] => ds.map((d) => (d.value as { payload: { seq: number } }).payload.seq);

describe('EmbeddedBus recovery', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'soc-bus-recovery-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const segmentFile = async (): Promise<string> => {
    const pdir = path.join(dir, 'topic', '0');
    const files = (await readdir(pdir)).filter((f) => f.endsWith('.log')).sort();
    expect(files[0]).toMatch(/^\d{20}\.log$/);
    return path.join(pdir, files[files.length - 1] as string);
  };

  it('truncates a torn tail, keeps earlier records and continues at the right offset', async () => {
    const bus = await EmbeddedBus.open({ dir, partitions: 1 });
    await bus.publish('topic', Array.from({ length: 10 }, (_, i) => seqMessage('k', i)));
    await bus.close();
    const file = await segmentFile();
    await truncate(file, (await stat(file)).size - 5);

    const logger = captureLogger();
    const reopened = await EmbeddedBus.open({ dir, partitions: 1, logger });
    const before = await readAll(reopened, 'topic');
    expect(seqs(before)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const warn = logger.lines.find((l) => l.level === 'warn');
    expect(warn?.obj).toMatchObject({ keptRecords: 9 });
    expect(Number(warn?.obj['truncatedBytes'])).toBeGreaterThan(0);

    await reopened.publish('topic', [seqMessage('k', 100)]);
    const after = await readAll(reopened, 'topic', 'after');
    expect(after.map((d) => d.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seqs(after).at(-1)).toBe(100);
    await reopened.close();
  });

  it('drops a tail record whose checksum does not match', async () => {
    const bus = await EmbeddedBus.open({ dir, partitions: 1 });
    await bus.publish('topic', Array.from({ length: 5 }, (_, i) => seqMessage('k', i)));
    await bus.close();
    const file = await segmentFile();
    const fh = await open(file, 'r+');
    const size = (await fh.stat()).size;
    await fh.write(Buffer.from('X'), 0, 1, size - 3);
    await fh.close();

    const logger = captureLogger();
    const reopened = await EmbeddedBus.open({ dir, partitions: 1, logger });
    expect(seqs(await readAll(reopened, 'topic'))).toEqual([0, 1, 2, 3]);
    expect(logger.lines.some((l) => l.level === 'warn' && l.obj['reason'] === 'crc mismatch')).toBe(true);
    await reopened.close();
  });

  it('computes the same CRC-32 natively and portably', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(crc32(data)).toBe(0x414fa339);
    expect(crc32Portable(data)).toBe(0x414fa339);
  });
});
