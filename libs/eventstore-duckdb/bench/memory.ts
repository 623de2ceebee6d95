// Process RSS while the lake ingests a long stream of realistic events (a small base set cycled
// with fresh ids and times, so the events held in JS stay small and RSS shows the store's own
// footprint). Run: npx tsx libs/eventstore-duckdb/bench/memory.ts [--events 300000] [--memory-limit 512MB]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@soc/eventstore';
import { DuckDbEventStore } from '../src/duckdb-event-store';
import { realisticEvents } from './realistic-events';

const argOf = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const EVENTS = Number(argOf('events', '300000'));
const BATCH = 1000;
const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'soc-duckdb-mem-'));
  const base = realisticEvents('mem', 5000);
  const span = 3_600_000;
  console.log(`before open (node + generator + ${base.length} base events): rss ${mb(process.memoryUsage().rss)}`);
  const extra: Record<string, string> = {};
  const threshold = argOf('checkpoint-threshold', '');
  if (threshold !== '') extra['checkpoint_threshold'] = threshold;
  const store = await DuckDbEventStore.open({ path: join(dir, 'mem.duckdb'), memoryLimit: argOf('memory-limit', '512MB'), duckdbConfig: extra, offThread: !process.argv.includes('--in-process') });
  try {
    let peak = 0;
    for (let off = 0; off < EVENTS; off += BATCH) {
      const lap = Math.floor(off / base.length);
      const batch: StoredEvent[] = [];
      for (let k = 0; k < BATCH; k++) {
        const b = base[(off + k) % base.length] as StoredEvent;
        batch.push({ ...b, id: `${b.id}-${lap}`, time: b.time + lap * span });
      }
      await store.append(batch);
      peak = Math.max(peak, process.memoryUsage().rss);
      if ((off + BATCH) % 50_000 === 0) console.log(`${off + BATCH} events: rss ${mb(process.memoryUsage().rss)} (peak ${mb(peak)})`);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
