// Publish and consume throughput of the embedded bus with fsync on every acknowledged publish.
// Run: npx tsx libs/bus-embedded/bench/throughput.ts [totalMessages] [batchSize] [concurrency]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { OutgoingMessage } from '@soc/bus';
import { EmbeddedBus } from '../src/embedded-bus';

function batch(start: number, size: number): OutgoingMessage[] {
  const at = new Date().toISOString();
  return Array.from({ length: size }, (_, i) => {
    const n = start + i;
    const tenantId = `tenant-${n % 8}`;
    return {
      key: `${tenantId}:host-${n % 97}`,
      value: { id: `evt-${n}`, tenantId, type: 'ingest.event.received', schemaVersion: 1, occurredAt: at, ingestedAt: at, traceId: `tr-${n}`, payload: { source: 'bench', seq: n, msg: 'user login failed' } },
    };
  });
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 200_000);
  const size = Number(process.argv[3] ?? 500);
  const concurrency = Number(process.argv[4] ?? 8);
  const dir = await mkdtemp(path.join(tmpdir(), 'soc-bus-bench-'));
  const bus = await EmbeddedBus.open({ dir, partitions: 4 });
  const batches = Math.ceil(total / size);
  let nextBatch = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = nextBatch++; b < batches; b = nextBatch++) await bus.publish('bench', batch(b * size, size));
    }),
  );
  const pubMs = performance.now() - t0;
  console.log(`publish: ${total} msgs, batch ${size}, ${concurrency} concurrent publishers, fdatasync on: ${Math.round((total / pubMs) * 1000)} msg/s (${pubMs.toFixed(0)} ms)`);

  // Reopen so the consumer reads from disk, not the tail cache.
  await bus.close();
  const cold = await EmbeddedBus.open({ dir, partitions: 4, tailCacheRecords: 1 });
  let seen = 0;
  const t1 = performance.now();
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const sub = await cold.subscribe({ topic: 'bench', group: 'bench', maxBatchSize: size, handler: async (b) => void ((seen += b.length) >= total && done()) });
  await finished;
  const conMs = performance.now() - t1;
  console.log(`consume (from disk, JSON.parse per message, offset commit per batch): ${Math.round((total / conMs) * 1000)} msg/s (${conMs.toFixed(0)} ms)`);
  await sub.stop();
  await cold.close();

  // Live consumption: subscriber attached while publishing, served from the tail cache.
  const hot = await EmbeddedBus.open({ dir, partitions: 4 });
  let live = 0;
  const t2 = performance.now();
  let liveDone!: () => void;
  const liveFinished = new Promise<void>((r) => (liveDone = r));
  const sub2 = await hot.subscribe({ topic: 'bench2', group: 'live', maxBatchSize: size, handler: async (b) => void ((live += b.length) >= total && liveDone()) });
  nextBatch = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = nextBatch++; b < batches; b = nextBatch++) await hot.publish('bench2', batch(b * size, size));
    }),
  );
  await liveFinished;
  const liveMs = performance.now() - t2;
  console.log(`publish+live consume (tail cache) end to end: ${Math.round((total / liveMs) * 1000)} msg/s (${liveMs.toFixed(0)} ms)`);
  await sub2.stop();
  await hot.close();
  await rm(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
