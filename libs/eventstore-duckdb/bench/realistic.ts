// Lake benchmark over REALISTIC events (scenario records through the real OCSF mappers):
// append throughput, main-thread JS cost per event, stored bytes per row, search latency.
// Run: npx tsx libs/eventstore-duckdb/bench/realistic.ts [--append-events 30000] [--search-rows 100000] [--runs 3] [--in-process]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SearchQuery, StoredEvent } from '@soc/eventstore';
import { DuckDbEventStore } from '../src/duckdb-event-store';
import { realisticEvents } from './realistic-events';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const APPEND = arg('append-events', 50_000);
const SEARCH_ROWS = arg('search-rows', 200_000);
const RUNS = arg('runs', 3);
const BATCH = arg('batch', 1000);
/** `--in-process` runs DuckDB on the calling thread (offThread: false) instead of the worker. */
const OFF_THREAD = !process.argv.includes('--in-process');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface FillResult { rate: number; jsUsPerEvent: number }

/** Appends with two batches in flight (as the lake consumer does); JS cost = event-loop active time. */
async function fill(store: DuckDbEventStore, events: readonly StoredEvent[]): Promise<FillResult> {
  const batches: StoredEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let inFlight: Promise<void> | undefined;
  let offset = 0;
  for (const batch of batches) {
    offset += batch.length;
    const next = store.append(batch, [{ consumer: 'bench', topic: 'ocsf', partition: 0, nextOffset: offset }]);
    if (inFlight) await inFlight;
    inFlight = next;
  }
  await inFlight;
  const ms = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  return { rate: events.length / (ms / 1000), jsUsPerEvent: (elu.active * 1000) / events.length };
}

async function timeQuery(store: DuckDbEventStore, tenant: string, label: string, q: SearchQuery | (() => Promise<unknown>)): Promise<void> {
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    if (typeof q === 'function') await q();
    else hits = (await store.search(tenant, q)).events.length;
    times.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(60)} median ${median(times).toFixed(1)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')}; hits ${hits})`);
}

function pick(events: readonly StoredEvent[], get: (e: Record<string, unknown>) => unknown): string {
  for (let i = Math.floor(events.length / 3); i < events.length; i++) {
    const v = get((events[i] as StoredEvent).event);
    if (typeof v === 'string') return v;
  }
  throw new Error('no value to query for');
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

async function searchBench(dir: string, events: readonly StoredEvent[]): Promise<void> {
  const path = join(dir, 'search.duckdb');
  const store = await DuckDbEventStore.open({ path, offThread: OFF_THREAD });
  const fr = await fill(store, events);
  await store.close();
  console.log(`filled ${events.length} rows at ${fr.rate.toFixed(0)} ev/s; file ${(statSync(path).size / 1e6).toFixed(0)} MB (${(statSync(path).size / events.length).toFixed(0)} B/row)`);
  const s = await DuckDbEventStore.open({ path, offThread: OFF_THREAD });
  const times = events.map((e) => e.time);
  const range = { from: new Date(Math.min(...times) - 1000).toISOString(), to: new Date(Math.max(...times) + 1000).toISOString() };
  const user = pick(events, (e) => obj(obj(e['actor'])['user'])['name']);
  const ip = pick(events, (e) => obj(e['src_endpoint'])['ip']);
  const host = pick(events, (e) => obj(e['device'])['hostname']);
  const t = 'bench';
  await timeQuery(s, t, 'search class_uid eq 3002 (promoted)', { ...range, filters: [{ field: 'class_uid', op: 'eq', value: 3002 }] });
  await timeQuery(s, t, 'search class_uid eq 1007, time asc (promoted)', { ...range, sort: [{ field: 'time', order: 'asc' }], filters: [{ field: 'class_uid', op: 'eq', value: 1007 }] });
  await timeQuery(s, t, `search actor.user.name eq ${user} (JSON path)`, { ...range, filters: [{ field: 'actor.user.name', op: 'eq', value: user }] });
  await timeQuery(s, t, `search observables.value eq ${ip} (array path)`, { ...range, filters: [{ field: 'observables.value', op: 'eq', value: ip }] });
  await timeQuery(s, t, 'search src_endpoint.ip cidr 45.155.0.0/16 (rare)', { ...range, filters: [{ field: 'src_endpoint.ip', op: 'cidr', value: '45.155.0.0/16' }] });
  await timeQuery(s, t, `search text "${host.slice(0, 12).toLowerCase()}" (free text)`, { ...range, text: host.slice(0, 12) });
  await timeQuery(s, t, 'search text "downloadstring" (free text, rare)', { ...range, text: 'downloadstring' });
  await timeQuery(s, t, 'aggregate total + groupBy class_uid + histogram 1h', () => s.aggregate(t, { ...range, groupBy: { field: 'class_uid', limit: 10 }, histogram: { interval: '1h' } }));
  await timeQuery(s, t, 'aggregate groupBy actor.user.name', () => s.aggregate(t, { ...range, groupBy: { field: 'actor.user.name', limit: 10 } }));
  await s.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'soc-duckdb-rbench-'));
  try {
    const events = realisticEvents('bench', Math.max(APPEND, SEARCH_ROWS));
    const sizes = events.map((e) => JSON.stringify(e.event).length).sort((a, b) => a - b);
    console.log(`${OFF_THREAD ? 'worker thread' : 'calling thread'}; realistic events: median ${sizes[sizes.length >> 1]} B JSON, mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(0)} B; batches of ${BATCH}; ${RUNS} runs`);
    const runs: FillResult[] = [];
    const bytes: number[] = [];
    const appendSet = events.slice(0, APPEND);
    for (let r = 0; r < RUNS; r++) {
      const path = join(dir, `append-${r}.duckdb`);
      const store = await DuckDbEventStore.open({ path, offThread: OFF_THREAD });
      runs.push(await fill(store, appendSet));
      await store.close();
      bytes.push(statSync(path).size / APPEND);
      rmSync(path, { force: true });
    }
    const rates = runs.map((r) => r.rate);
    const js = runs.map((r) => r.jsUsPerEvent);
    console.log(`append ${APPEND} into an empty file: median ${median(rates).toFixed(0)} ev/s (runs ${rates.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`main-thread JS per event: median ${median(js).toFixed(1)} us (runs ${js.map((x) => x.toFixed(1)).join(', ')})`);
    console.log(`file bytes per row after close: median ${median(bytes).toFixed(0)}`);
    if (SEARCH_ROWS > 0) await searchBench(dir, events.slice(0, SEARCH_ROWS));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
