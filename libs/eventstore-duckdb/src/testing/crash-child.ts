// Child process of duckdb-crash.spec.ts: appends batches with checkpoints and prints
// "ack <nextOffset>" after each append resolves, until the parent SIGKILLs it. Arguments:
// <db path> [durability] [checkpoint bytes] [checkpoint interval ms] [batches]; with a
// batch count it stops appending after that many, prints "idle" and waits to be killed.
import { DuckDbEventStore } from '../duckdb-event-store';
import { crashBatch, CRASH_BATCH } from './crash-events';

async function main(): Promise<void> {
  const [path, durability = 'commit', bytes, intervalMs, batches] = process.argv.slice(2);
  if (!path || (durability !== 'commit' && durability !== 'checkpoint')) throw new Error('usage: crash-child <db path> [commit|checkpoint] [bytes] [interval ms] [batches]');
  const store = await DuckDbEventStore.open({
    path,
    durability,
    ...(bytes ? { checkpointBytes: Number(bytes) } : {}),
    ...(intervalMs ? { checkpointIntervalMs: Number(intervalMs) } : {}),
  });
  const last = batches ? Number(batches) * CRASH_BATCH : Infinity;
  for (let offset = 0; offset < last; offset += CRASH_BATCH) {
    await store.append(crashBatch(offset), [{ consumer: 'lake', topic: 'ocsf', partition: 0, nextOffset: offset + CRASH_BATCH }]);
    process.stdout.write(`ack ${offset + CRASH_BATCH}\n`);
  }
  process.stdout.write('idle\n');
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
