import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDbEventStore } from './duckdb-event-store';
import { CRASH_BATCH, CRASH_TENANT, crashBatch } from './testing/crash-events';

const repoRoot = resolve(__dirname, '../../..');

/** Runs the child until it has acknowledged `minAcked` offsets, SIGKILLs it mid-stream, returns the last ack. */
function runAndKill(dbPath: string, minAcked: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'testing/crash-child.ts'), dbPath], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked = Number(line.slice(4));
      // Kill while appends keep going, never at a quiet moment chosen by the child.
      if (acked >= minAcked) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(acked) : fail(new Error(`child exited on its own: ${stderr}`))));
  });
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
      const range = { from: '2025-12-31T00:00:00Z', to: '2026-01-02T00:00:00Z' };
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
});
