// CPU cost per event of the lake's JS steps on REALISTIC events, measured with process CPU time
// over synchronous loops (no DuckDB or worker activity meanwhile), so it holds on a shared,
// loaded machine where wall-clock figures do not. Run: npx tsx libs/eventstore-duckdb/bench/cpu.ts
import { flattenEvent, type StoredEvent } from '@soc/eventstore';
import { serializeBatch } from '../src/duckdb-batch';
import { EventIndexer } from '../src/duckdb-indexer';
import { ShapeTree } from '../src/duckdb-shapes';
import { realisticEvents } from './realistic-events';

const BATCH = 1000;
const ROUNDS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** CPU microseconds per event of `step` over all batches, median of ROUNDS. */
function cpuPerEvent(batches: readonly StoredEvent[][], step: (b: StoredEvent[]) => unknown): number {
  const n = batches.reduce((s, b) => s + b.length, 0);
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    for (const b of batches) step(b);
    const c = process.cpuUsage(c0);
    rounds.push((c.user + c.system) / n);
  }
  return median(rounds);
}

function main(): void {
  const events = realisticEvents('cpu', 20_000);
  const batches: StoredEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const serialized = batches.map(serializeBatch);
  const indexer = new EventIndexer(new ShapeTree());
  const rows: [string, number][] = [
    ['calling thread, worker mode: serializeBatch', cpuPerEvent(batches, serializeBatch)],
    ['calling thread, worker mode: serializeBatch + structuredClone', cpuPerEvent(batches, (b) => structuredClone(serializeBatch(b)))],
    ['worker: JSON.parse + index', cpuPerEvent(batches, (b) => {
      const s = serialized[batches.indexOf(b)];
      for (const json of s?.events ?? []) indexer.index(JSON.parse(json) as Record<string, unknown>);
    })],
    ['calling-thread mode: index + serializeBatch (before appender)', cpuPerEvent(batches, (b) => {
      for (const e of b) indexer.index(e.event);
      return serializeBatch(b);
    })],
    ['flattenEvent (ClickHouse adapter) + fields JSON + event JSON', cpuPerEvent(batches, (b) => {
      for (const e of b) {
        const f = flattenEvent(e.event);
        JSON.stringify(f.fields);
        JSON.stringify(e.event);
      }
    })],
    ['JSON.stringify(event) alone', cpuPerEvent(batches, (b) => b.map((e) => JSON.stringify(e.event)))],
  ];
  for (const [label, us] of rows) console.log(`${label.padEnd(66)} ${us.toFixed(1)} us/event`);
}

main();
