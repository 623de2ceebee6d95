// Event lake benchmark: append throughput (batches of 1,000 ~1.5 KB events) and search latency
// over a large table. Run: npx tsx libs/eventstore-duckdb/bench/bench.ts [--events N] [--runs R]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchQuery, StoredEvent } from '@soc/eventstore';
import { DuckDbEventStore } from '../src/duckdb-event-store';
import { sampleEvent } from './ocsf-sample';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const EVENTS = arg('events', 1_000_000);
const APPEND_RUN_EVENTS = arg('append-events', 200_000);
const RUNS = arg('runs', 3);
const BATCH = 1000;
const BASE = Date.UTC(2026, 0, 1);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function fill(store: DuckDbEventStore, tenant: string, from: number, n: number): Promise<number> {
  // Generation is not timed: in production the events arrive already built.
  const batches: StoredEvent[][] = [];
  for (let i = from; i < from + n; i += BATCH) batches.push(Array.from({ length: Math.min(BATCH, from + n - i) }, (_, k) => sampleEvent(tenant, i + k, BASE)));
  const t0 = performance.now();
  // Two appends in flight, as a consumer with prefetch would run: serialization of the next
  // batch overlaps the current commit. Order and atomicity are unchanged (one writer queue).
  let inFlight: Promise<void> | undefined;
  let offset = from;
  for (const batch of batches) {
    offset += batch.length;
    const next = store.append(batch, [{ consumer: 'bench', topic: 'ocsf', partition: 0, nextOffset: offset }]);
    if (inFlight) await inFlight;
    inFlight = next;
  }
  await inFlight;
  return n / ((performance.now() - t0) / 1000);
}

async function timeQuery(store: DuckDbEventStore, label: string, q: SearchQuery | (() => Promise<unknown>)): Promise<void> {
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    if (typeof q === 'function') await q();
    else hits = (await store.search('bench', q)).events.length;
    times.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(58)} median ${median(times).toFixed(1)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')}; hits ${hits})`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'soc-duckdb-bench-'));
  try {
    const sample = JSON.stringify(sampleEvent('bench', 1, BASE).event).length;
    console.log(`event size ${sample} B JSON; batches of ${BATCH}; ${RUNS} runs`);
    const rates: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const store = await DuckDbEventStore.open({ path: join(dir, `append-${r}.duckdb`) });
      rates.push(await fill(store, 'bench', 0, APPEND_RUN_EVENTS));
      await store.close();
    }
    console.log(`append ${APPEND_RUN_EVENTS} events into an empty file: median ${median(rates).toFixed(0)} ev/s (runs: ${rates.map((x) => x.toFixed(0)).join(', ')})`);

    const path = join(dir, 'big.duckdb');
    const store = await DuckDbEventStore.open({ path });
    const fillRate = await fill(store, 'bench', 0, EVENTS);
    console.log(`filled ${EVENTS} events at ${fillRate.toFixed(0)} ev/s; file ${(statSync(path).size / 1e6).toFixed(0)} MB`);
    const late = await fill(store, 'bench', EVENTS, 20_000);
    console.log(`append 20000 more into the ${EVENTS}-row table: ${late.toFixed(0)} ev/s`);
    const replay = await fill(store, 'bench', EVENTS - 20_000, 20_000);
    console.log(`replay of 20000 already-stored events (all skipped): ${replay.toFixed(0)} ev/s`);

    const range = { from: new Date(BASE - 3600_000).toISOString(), to: new Date(BASE + EVENTS * 5 + 3600_000).toISOString() };
    await timeQuery(store, 'search class_uid eq 3002, limit 100 (promoted)', { ...range, filters: [{ field: 'class_uid', op: 'eq', value: 3002 }] });
    await timeQuery(store, 'search severity_id eq 5 AND class_uid eq 4001 (promoted)', { ...range, filters: [{ field: 'severity_id', op: 'eq', value: 5 }, { field: 'class_uid', op: 'eq', value: 4001 }] });
    await timeQuery(store, 'search class_uid eq 2004, sort time asc (promoted)', { ...range, sort: [{ field: 'time', order: 'asc' }], filters: [{ field: 'class_uid', op: 'eq', value: 2004 }] });
    await timeQuery(store, 'search rare: severity_id eq 99 (promoted, 0 hits)', { ...range, filters: [{ field: 'severity_id', op: 'eq', value: 99 }] });
    await timeQuery(store, 'search actor.user.name eq carol (JSON path)', { ...range, filters: [{ field: 'actor.user.name', op: 'eq', value: 'carol' }] });
    await timeQuery(store, 'search observables.value eq 10.0.3.232 (array path, rare)', { ...range, filters: [{ field: 'observables.value', op: 'eq', value: '10.0.3.232' }] });
    await timeQuery(store, 'search src_endpoint.ip cidr 10.0.1.0/24 (rare)', { ...range, filters: [{ field: 'src_endpoint.ip', op: 'cidr', value: '10.0.1.0/24' }] });
    await timeQuery(store, 'search text "job-13.ps1" (free text)', { ...range, text: 'job-13.ps1' });
    await timeQuery(store, 'aggregate total + groupBy class_uid + histogram 1h', () =>
      store.aggregate('bench', { ...range, groupBy: { field: 'class_uid', limit: 10 }, histogram: { interval: '1h' } }),
    );
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
