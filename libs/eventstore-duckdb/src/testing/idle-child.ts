// Child of duckdb-worker.spec.ts: opens a store on the worker thread, appends, reads, and
// returns WITHOUT closing; the process must still exit once nothing is in flight.
import { DuckDbEventStore } from '../duckdb-event-store';

async function main(): Promise<void> {
  const store = await DuckDbEventStore.open({ path: ':memory:' });
  await store.append([{ id: 'idle-1', tenantId: 't', time: 1, classUid: 1, source: 's', event: { message: 'x' } }]);
  const r = await store.aggregate('t', { from: '1970-01-01T00:00:00Z', to: '1970-01-02T00:00:00Z' });
  process.stdout.write(`total ${r.total}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
