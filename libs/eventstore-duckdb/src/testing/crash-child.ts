// Child process of duckdb-crash.spec.ts: appends batches with checkpoints forever and prints
// "ack <nextOffset>" after each append resolves, until the parent SIGKILLs it.
import { DuckDbEventStore } from '../duckdb-event-store';
import { crashBatch, CRASH_BATCH } from './crash-events';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: crash-child <db path>');
  const store = await DuckDbEventStore.open({ path });
  for (let offset = 0; ; offset += CRASH_BATCH) {
    await store.append(crashBatch(offset), [{ consumer: 'lake', topic: 'ocsf', partition: 0, nextOffset: offset + CRASH_BATCH }]);
    process.stdout.write(`ack ${offset + CRASH_BATCH}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
