/**
 * Normalization throughput bench: maps (mapperFor(source).map) and validates (validateOcsf)
 * a realistic scenario mix, split per source as ingest does, and reports µs/event and
 * events/s per source and overall (median of RUNS runs). Run from the repo root:
 *   node --import tsx libs/ocsf/bench/normalize-bench.ts [--seed 7] [--hours 10] [--users 40] [--runs 3]
 * Add `--cpu-prof` before `--import` to profile. Other engineers share the CPU: times are
 * process CPU time (process.cpuUsage, so time-slicing by other processes does not count),
 * and the load average is printed with the numbers.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { TEXT_SOURCES, type SourceName } from '@soc/contracts';
import type { OcsfEvent } from '../src/mapper';
import { mapperFor } from '../src/mappers/registry';
import { validateOcsf } from '../src/validate';
import { generateScenario } from '@soc/scenario';
import { splitRecords } from '@soc/sources';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const seed = arg('seed', 7);
const hours = arg('hours', 10);
const users = arg('users', 40);
const runs = arg('runs', 3);
const only = process.argv.includes('--source') ? process.argv[process.argv.indexOf('--source') + 1] : undefined;

interface Row {
  source: SourceName;
  count: number;
  mapUs: number[];
  validateUs: number[];
  invalid: number;
  byClassUs: Map<number, { n: number; us: number[] }>;
}

function splitBySource(): Map<SourceName, unknown[]> {
  const scenario = generateScenario({ seed, start: new Date(Date.UTC(2026, 2, 2, 8)), hours, users });
  const texts = new Map<SourceName, string[]>();
  for (const r of scenario.records) {
    const list = texts.get(r.source) ?? [];
    list.push(typeof r.record === 'string' ? r.record : JSON.stringify(r.record));
    texts.set(r.source, list);
  }
  const out = new Map<SourceName, unknown[]>();
  for (const [source, lines] of texts) {
    if (only && source !== only) continue;
    const split = splitRecords(source, lines.join('\n'), { contentType: TEXT_SOURCES.has(source) ? 'text' : 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 10_000_000 });
    out.set(source, split.records.map((r) => r.data));
  }
  return out;
}

/** Passes over the records so that every source is timed on at least this many events (steady state, not JIT warm-up). */
const MIN_EVENTS = 20_000;
const passesFor = (n: number) => Math.max(1, Math.ceil(MIN_EVENTS / Math.max(1, n)));

/**
 * Times mapping without keeping the events (as normalize does: each batch is published and
 * dropped, so retaining tens of thousands of events would time the GC, not the mapper),
 * then maps once more, untimed, to hand the events to validation.
 */
function mapAll(source: SourceName, records: unknown[]): { us: number; events: OcsfEvent[] } {
  const mapper = mapperFor(source);
  const ctx = (i: number) => ({ tenantId: 'bench', eventUid: `e${i}`, receivedAt: 1_772_438_400_000 });
  const passes = passesFor(records.length);
  let ok = 0;
  const t0 = cpuMs();
  for (let p = 0; p < passes; p++) for (let i = 0; i < records.length; i++) if (mapper.map(records[i], ctx(i)).ok) ok++;
  const us = ((cpuMs() - t0) * 1000) / (records.length * passes);
  if (ok === 0 && records.length > 0) throw new Error(`${source}: no record mapped`);
  const events: OcsfEvent[] = [];
  for (let i = 0; i < records.length; i++) {
    const res = mapper.map(records[i], ctx(i));
    if (res.ok) events.push(res.event);
  }
  return { us, events };
}

function validateAll(events: OcsfEvent[], row: Row): number {
  let invalid = 0;
  const passes = passesFor(events.length);
  const t0 = cpuMs();
  for (let p = 0; p < passes; p++) for (const e of events) if (!validateOcsf(e).valid) invalid++;
  const us = ((cpuMs() - t0) * 1000) / (events.length * passes);
  row.invalid = invalid / passes;
  return us;
}

function validateByClass(events: OcsfEvent[], row: Row): void {
  const groups = new Map<number, OcsfEvent[]>();
  for (const e of events) groups.set(e.class_uid, [...(groups.get(e.class_uid) ?? []), e]);
  for (const [cls, list] of groups) {
    const passes = passesFor(list.length);
    const t0 = cpuMs();
    for (let p = 0; p < passes; p++) for (const e of list) validateOcsf(e);
    const us = ((cpuMs() - t0) * 1000) / (list.length * passes);
    const slot = row.byClassUs.get(cls) ?? { n: list.length, us: [] };
    slot.us.push(us);
    row.byClassUs.set(cls, slot);
  }
}

/** Process CPU time in ms (user + system): robust to other processes sharing the cores. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number, w = 8) => n.toFixed(1).padStart(w);

function main(): void {
  const t0 = performance.now();
  const bySource = splitBySource();
  console.log(`scenario seed=${seed} hours=${hours} users=${users}: ${[...bySource.values()].reduce((a, l) => a + l.length, 0)} records, generated+split in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const rows: Row[] = [...bySource].map(([source, recs]) => ({ source, count: recs.length, mapUs: [], validateUs: [], invalid: 0, byClassUs: new Map() }));
  // Warm-up: JIT and the lazily compiled validators.
  for (const row of rows) validateAll(mapAll(row.source, bySource.get(row.source) ?? []).events, row);
  for (let r = 0; r < runs; r++) {
    for (const row of rows) {
      const { us, events } = mapAll(row.source, bySource.get(row.source) ?? []);
      row.mapUs.push(us);
      row.validateUs.push(validateAll(events, row));
      validateByClass(events, row);
    }
  }
  console.log(`µs of process CPU time per event, median of ${runs} runs; loadavg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${'source'.padEnd(16)}${'events'.padStart(8)}${'map µs'.padStart(9)}${'valid µs'.padStart(9)}${'total µs'.padStart(9)}${'ev/s'.padStart(9)}  invalid`);
  let totalUs = 0;
  let totalN = 0;
  for (const row of rows) {
    const m = median(row.mapUs);
    const v = median(row.validateUs);
    totalUs += (m + v) * row.count;
    totalN += row.count;
    console.log(`${row.source.padEnd(16)}${String(row.count).padStart(8)}${fmt(m, 9)}${fmt(v, 9)}${fmt(m + v, 9)}${String(Math.round(1e6 / (m + v))).padStart(9)}  ${row.invalid}`);
  }
  const avg = totalUs / totalN;
  console.log(`${'OVERALL'.padEnd(16)}${String(totalN).padStart(8)}${''.padStart(18)}${fmt(avg, 9)}${String(Math.round(1e6 / avg)).padStart(9)}`);
  console.log('validate µs/event by class (median):');
  const classes = new Map<number, { n: number; us: number }>();
  for (const row of rows) for (const [cls, s] of row.byClassUs) classes.set(cls, { n: (classes.get(cls)?.n ?? 0) + s.n, us: median(s.us) });
  for (const [cls, s] of [...classes].sort((a, b) => b[1].n - a[1].n)) console.log(`  class ${String(cls).padEnd(7)} n=${String(s.n).padStart(7)} ${fmt(s.us, 7)} µs`);
  console.log(`loadavg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main();
