// CPU cost per event of the lake's JS steps on REALISTIC events, measured with process CPU time
// over synchronous loops (no DuckDB or worker activity meanwhile), so it holds on a shared,
// loaded machine where wall-clock figures do not. Run: npx tsx libs/eventstore-duckdb/bench/cpu.ts
import { LakeIndexer, encodeLakeMessage, flattenEvent, lakeRowsOf, rowOf, type StoredEvent } from '@soc/eventstore';
import type { Envelope, OcsfEventPayload } from '@soc/contracts';
import { ShapeWalker } from '../src/duckdb-indexer';
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
  const indexer = new LakeIndexer();
  const envelope = (e: StoredEvent): Envelope<OcsfEventPayload> => ({
    id: e.id, tenantId: e.tenantId, type: 'normalize.event.normalized', schemaVersion: 1, occurredAt: new Date(e.time).toISOString(),
    ingestedAt: new Date(e.time).toISOString(), traceId: e.id, payload: { source: 'windows', classUid: e.classUid, event: e.event },
  });
  const hinted = batches.map((b) => b.map((e) => {
    const m = encodeLakeMessage(envelope(e), indexer);
    return { text: m.encoded, headers: m.headers };
  }));
  const plain = hinted.map((b) => b.map((m) => ({ text: m.text })));
  const walker = new ShapeWalker(new ShapeTree());
  const rows: [string, number][] = [
    ['producer: encodeLakeMessage (stringify + index walk)', cpuPerEvent(batches, (b) => b.map((e) => encodeLakeMessage(envelope(e), indexer)))],
    ['producer: JSON.stringify(envelope) alone', cpuPerEvent(batches, (b) => b.map((e) => JSON.stringify(envelope(e))))],
    ['lake: rows of hinted messages', cpuPerEvent(batches, (b) => lakeRowsOf(hinted[batches.indexOf(b)] ?? [], indexer))],
    ['lake: rows of plain messages (parse, check, serialize, index)', cpuPerEvent(batches, (b) => lakeRowsOf(plain[batches.indexOf(b)] ?? [], indexer))],
    ['lake: shape walk of every event (no fingerprint reuse)', cpuPerEvent(batches, (b) => {
      for (const e of b) walker.walk(e.event, 'x');
    })],
    ['append(events): rowOf', cpuPerEvent(batches, (b) => b.map((e) => rowOf(e, indexer)))],
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
