import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedBus } from '@soc/bus-embedded';
import { TEXT_SOURCES, Topics, systemClock } from '@soc/contracts';
import { DuckDbEventStore } from '@soc/eventstore-duckdb';
import { IngestService } from '@soc/ingest';
import { LakeService } from '@soc/lake';
import { MetricsRegistry } from '@soc/metrics';
import { NormalizeService, WorkerPoolEngine, inlineEngine } from '@soc/normalize';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { buildWorkload } from './workload';

/**
 * `npm run bench:stages`: each pipeline stage alone, in process, on the real adapters (embedded
 * bus on disk, DuckDB): ingest (split + envelope + durable append), normalize (consume, map,
 * validate, publish), lake (consume, append with checkpoint). Shows which stage bounds the
 * end-to-end figure of bench:pipeline.
 */
async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 20));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '60000' }, batch: { type: 'string', default: '2000' }, workers: { type: 'string', default: '1' } } });
  const { batches, records } = buildWorkload(Number(values.events), Number(values.batch));
  const dir = mkdtempSync(join(tmpdir(), 'bench-stages-'));
  const metrics = new MetricsRegistry();
  const bus = await EmbeddedBus.open({ dir: join(dir, 'bus'), partitions: 4 });
  // As the stack opens its lake (apps/stack/src/adapters.ts): without a WAL, checkpointed by the writer.
  const store = await DuckDbEventStore.open({ path: join(dir, 'lake.duckdb'), durability: 'checkpoint' });
  try {
    const ingest = new IngestService(bus, { maxRecordBytes: 1 << 20, maxRecords: 100_000 }, systemClock, metrics);
    let t = performance.now();
    let cpu = process.cpuUsage();
    /** CPU of every thread of this process since `cpu`, in µs per record; resets the mark. */
    const cpuPerRecord = (): number => {
      const d = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      return Math.round((d.user + d.system) / records);
    };
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let i = w; i < batches.length; i += 4) {
          const b = batches[i];
          if (b) await ingest.ingest({ tenantId: 'default', source: b.source, body: b.body, contentType: TEXT_SOURCES.has(b.source) ? 'text' : 'ndjson', channel: 'bench' });
        }
      }),
    );
    const ingestS = (performance.now() - t) / 1000;
    const ingestCpu = cpuPerRecord();

    const workers = Number(values.workers);
    const engine = workers > 0 ? new WorkerPoolEngine(workers) : inlineEngine({ mapperFor, validate: validateOcsf, clock: systemClock });
    const normalize = new NormalizeService({ bus, engine, metrics });
    t = performance.now();
    cpuPerRecord();
    await normalize.start();
    const normalized = metrics.counter('soc_normalize_events_total', '');
    const dead = metrics.counter('soc_normalize_dead_letters_total', '');
    await until(async () => normalized.total() + dead.total() >= records);
    const normalizeS = (performance.now() - t) / 1000;
    const normalizeCpu = cpuPerRecord();
    await normalize.stop();

    const lake = new LakeService({ bus, store, clock: systemClock, metrics });
    t = performance.now();
    cpuPerRecord();
    await lake.start();
    const written = metrics.counter('soc_lake_events_written_total', '');
    await until(async () => written.total() >= normalized.total());
    const lakeS = (performance.now() - t) / 1000;
    const lakeCpu = cpuPerRecord();
    await lake.stop();
    const rate = (s: number): number => Math.round(records / s);
    console.log(JSON.stringify({ events: records, topic: Topics.rawEvents, ingestPerSec: rate(ingestS), normalizePerSec: rate(normalizeS), lakePerSec: rate(lakeS), cpuUsPerEvent: { ingest: ingestCpu, normalize: normalizeCpu, lake: lakeCpu }, deadLetters: dead.total(), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }));
  } finally {
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
