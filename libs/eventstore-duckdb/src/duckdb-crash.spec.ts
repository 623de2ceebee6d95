import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDbEventStore } from './duckdb-event-store';
import { CRASH_BATCH, CRASH_TENANT, crashBatch } from './testing/crash-events';

const repoRoot = resolve(__dirname, '../../..');

/**
 * Runs the child (arguments after the db path: see testing/crash-child.ts) until it has
 * acknowledged `minAcked` offsets, or has gone idle and `idleMs` passed, then SIGKILLs it;
 * returns the last ack.
 */
function runAndKill(dbPath: string, minAcked: number, args: string[] = [], idleMs?: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'testing/crash-child.ts'), dbPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked = Number(line.slice(4));
        if (line === 'idle' && idleMs !== undefined) setTimeout(() => child.kill('SIGKILL'), idleMs);
      }
      // Kill while appends keep going, never at a quiet moment chosen by the child.
      if (acked >= minAcked) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(acked) : fail(new Error(`child exited on its own: ${stderr}`))));
  });
}

const range = { from: '2025-12-31T00:00:00Z', to: '2026-01-02T00:00:00Z' };

/** Events stored, and the most frequent message's count (1 when no event is stored twice). */
async function stored(store: DuckDbEventStore): Promise<{ total: number; maxRepeat: number }> {
  const top = await store.aggregate(CRASH_TENANT, { ...range, groupBy: { field: 'message', limit: 1 } });
  return { total: top.total, maxRepeat: top.buckets?.[0]?.count ?? 0 };
}

describe('DuckDbEventStore crash durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soc-duckdb-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event exactly once after SIGKILL, with the checkpoint matching the events', async () => {
    const dbPath = join(dir, 'crash.duckdb');
    const acked = await runAndKill(dbPath, 10 * CRASH_BATCH);
    expect(acked).toBeGreaterThanOrEqual(10 * CRASH_BATCH);

    const store = await DuckDbEventStore.open({ path: dbPath });
    try {
      const checkpoint = (await store.checkpoint('lake', 'ocsf', 0)) ?? 0;
      expect(checkpoint).toBeGreaterThanOrEqual(acked);
      // Events and checkpoint commit together: exactly the checkpointed prefix is stored.
      expect((await store.aggregate(CRASH_TENANT, range)).total).toBe(checkpoint);
      const last = await store.search(CRASH_TENANT, { ...range, limit: 1 });
      expect(last.events[0]?.id).toBe(`crash-${checkpoint - 1}`);

      // At-least-once redelivery after restart: replaying from an older offset changes nothing.
      for (let offset = Math.max(0, checkpoint - 3 * CRASH_BATCH); offset < checkpoint; offset += CRASH_BATCH) {
        await store.append(crashBatch(offset), [{ consumer: 'lake', topic: 'ocsf', partition: 0, nextOffset: offset + CRASH_BATCH }]);
      }
      expect((await store.aggregate(CRASH_TENANT, range)).total).toBe(checkpoint);
      // Every event has a unique message, so the most frequent one must occur exactly once.
      const top = await store.aggregate(CRASH_TENANT, { ...range, groupBy: { field: 'message', limit: 1 } });
      expect(top.buckets?.[0]?.count).toBe(1);
    } finally {
      await store.close();
    }
  });

  describe("durability 'checkpoint' (no WAL)", () => {
    // A batch is 200 events of about 900 characters: a checkpoint every 5 to 6 batches.
    const bytes = String(1_000_000);

    it('keeps the checkpointed prefix after SIGKILL, events and consumer checkpoint together, and a replay from there restores every ack once', async () => {
      const dbPath = join(dir, 'nowal.duckdb');
      const acked = await runAndKill(dbPath, 20 * CRASH_BATCH, ['checkpoint', bytes, '60000']);

      const store = await DuckDbEventStore.open({ path: dbPath, durability: 'checkpoint' });
      try {
        const checkpoint = (await store.checkpoint('lake', 'ocsf', 0)) ?? 0;
        // Only what came after the last checkpoint is gone (at most 6 batches, one more in flight).
        expect(checkpoint).toBeGreaterThanOrEqual(acked - 7 * CRASH_BATCH);
        expect((await stored(store)).total).toBe(checkpoint);
        // The consumer resumes at its stored checkpoint, as the lake does from the bus.
        for (let offset = checkpoint; offset < acked; offset += CRASH_BATCH) {
          await store.append(crashBatch(offset), [{ consumer: 'lake', topic: 'ocsf', partition: 0, nextOffset: offset + CRASH_BATCH }]);
        }
        expect(await stored(store)).toEqual({ total: Math.max(acked, checkpoint), maxRepeat: 1 });
      } finally {
        await store.close();
      }
    });

    it('checkpoints idle appends within the interval; without that checkpoint a crash loses them', async () => {
      const kept = join(dir, 'idle-kept.duckdb');
      await runAndKill(kept, Infinity, ['checkpoint', bytes, '200', '3'], 1_000);
      const lost = join(dir, 'idle-lost.duckdb');
      await runAndKill(lost, Infinity, ['checkpoint', bytes, '60000', '3'], 1_000);

      for (const [path, total] of [
        [kept, 3 * CRASH_BATCH],
        [lost, 0],
      ] as const) {
        const store = await DuckDbEventStore.open({ path, durability: 'checkpoint' });
        try {
          expect((await stored(store)).total).toBe(total);
          expect((await store.checkpoint('lake', 'ocsf', 0)) ?? 0).toBe(total);
        } finally {
          await store.close();
        }
      }
    });

    it('checkpoints on close', async () => {
      const path = join(dir, 'close.duckdb');
      const first = await DuckDbEventStore.open({ path, durability: 'checkpoint', checkpointIntervalMs: 60_000 });
      await first.append(crashBatch(0), [{ consumer: 'lake', topic: 'ocsf', partition: 0, nextOffset: CRASH_BATCH }]);
      await first.close();
      const again = await DuckDbEventStore.open({ path, durability: 'checkpoint' });
      try {
        expect(await stored(again)).toEqual({ total: CRASH_BATCH, maxRepeat: 1 });
      } finally {
        await again.close();
      }
    });
  });
});
