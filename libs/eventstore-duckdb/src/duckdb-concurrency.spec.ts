import { DuckDbEventStore } from './duckdb-event-store';
import { CRASH_BATCH, CRASH_TENANT, crashBatch } from './testing/crash-events';

describe('DuckDbEventStore concurrent reads and writes', () => {
  it('reads during appends see whole committed batches only', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    try {
      const range = { from: '2025-12-31T00:00:00Z', to: '2026-01-02T00:00:00Z' };
      const writes = (async () => {
        for (let b = 0; b < 10; b++) await store.append(crashBatch(b * CRASH_BATCH));
      })();
      const seen: number[] = [];
      let done = false;
      void writes.finally(() => (done = true));
      while (!done) seen.push((await store.aggregate(CRASH_TENANT, range)).total);
      await writes;
      expect(seen.every((n) => n % CRASH_BATCH === 0)).toBe(true);
      expect((await store.aggregate(CRASH_TENANT, range)).total).toBe(10 * CRASH_BATCH);
    } finally {
      await store.close();
    }
  });
});
