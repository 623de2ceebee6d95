import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closedPort } from '@soc/testing';
import { machineReferenceUsPerRecord } from './machine-reference';
import { generateBootstrapKey, startStackProcess, type StackProcess } from './stack-process';
import { median, quantile } from './stats';
import { buildWorkload, type WorkloadBatch } from './workload';

/**
 * `npm run bench:pipeline`: sustained events/s through ingest -> normalize -> event lake of a
 * real stack process, and the latency from ingest acknowledgement to searchable, measured by
 * probe records sent during the load and polled through the search API. Each run starts a new
 * process, sends a warm-up load (`--warmup`, not measured) and then the measured one.
 */
interface RunResult {
  events: number;
  ingestSeconds: number;
  endToEndSeconds: number;
  ingestEventsPerSec: number;
  endToEndEventsPerSec: number;
  probes: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  peakRssMb: number;
  /** CPU time of the stack process (all its threads) during the measured load, per event. */
  stackCpuUsPerEvent: number;
  /** CPU time of this process (the load generator and the probes) during the load, per event. */
  clientCpuUsPerEvent: number;
}

const post = async (stack: StackProcess, b: { source: string; contentType: string; body: string }): Promise<void> => {
  for (;;) {
    const res = await fetch(`${stack.url}/v1/ingest/${b.source}`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': b.contentType }, body: b.body });
    if (res.status === 202) return void (await res.arrayBuffer());
    if (res.status === 429 || res.status === 503) {
      // Back off as a well-behaved shipper does: the server says when to come back.
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? '1')));
      continue;
    }
    throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
};

/** An authenticated JSON POST to the events API that must answer 200; resolves with the parsed answer. */
async function queryEvents<T>(stack: StackProcess, route: 'search' | 'aggregate', body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${stack.url}/v1/events/${route}`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function searchCount(stack: StackProcess, body: Record<string, unknown>): Promise<number> {
  return (await queryEvents<{ total: number }>(stack, 'aggregate', body)).total;
}

/**
 * How often search is polled for probes; each poll is a real query competing with the writer
 * (an authenticated request and a lake query). 10 a second is more than a SOC console asks,
 * and bounds the latency figure's resolution to 0.1 s.
 */
const POLL_MS = 100;
/** A probe is sent this often during the load, each timed on its own: about 150 probes in a 30 s run, so p99 is a percentile, not the slowest probe. */
const PROBE_EVERY_MS = 200;
const PROBE_TOKEN = /benchprobe\d+x\d+/;

interface Probe {
  sentAt: number;
  ackedAt: number | undefined;
  foundAt: number | undefined;
}

/**
 * Probes: syslog lines with a unique token, sent every PROBE_EVERY_MS while `loading()` holds,
 * and one poller that finds them all with a single search a poll. Each probe's latency runs from
 * its acknowledgement (202) to the first poll that returns it.
 */
async function probeLatencies(stack: StackProcess, loading: () => boolean): Promise<number[]> {
  const probes = new Map<string, Probe>();
  const failures: unknown[] = [];
  const sending = (async () => {
    for (let n = 0; loading(); n++) {
      const token = `benchprobe${n}x${Date.now()}`;
      const now = new Date();
      const probe: Probe = { sentAt: now.getTime(), ackedAt: undefined, foundAt: undefined };
      probes.set(token, probe);
      void post(stack, { source: 'syslog', contentType: 'text/plain', body: `<13>1 ${now.toISOString()} benchhost bench 1 - - probe ${token}` }).then(
        () => (probe.ackedAt = performance.now()),
        (err: unknown) => failures.push(err),
      );
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
  })();
  const pending = (): Probe[] => [...probes.values()].filter((p) => p.foundAt === undefined);
  let giveUpAt = Infinity;
  for (;;) {
    if (failures.length > 0) throw failures[0];
    const open = pending();
    if (!loading() && open.length === 0) break;
    if (!loading()) giveUpAt = Math.min(giveUpAt, Date.now() + 120_000);
    if (Date.now() > giveUpAt) throw new Error(`${open.length} probes not searchable 120 s after the load ended`);
    if (open.length > 0) {
      const from = Math.min(...open.map((p) => p.sentAt)) - 5_000;
      const body = { from: new Date(from).toISOString(), to: new Date(Date.now() + 5_000).toISOString(), text: 'benchprobe', filters: [{ field: 'class_uid', op: 'eq', value: 0 }], limit: 1000 };
      const { events } = await queryEvents<{ events: unknown[] }>(stack, 'search', body);
      const seen = performance.now();
      for (const hit of events) {
        const token = PROBE_TOKEN.exec(JSON.stringify(hit))?.[0];
        const probe = token === undefined ? undefined : probes.get(token);
        // A probe whose 202 has not arrived yet is timed at the first poll after it has.
        if (probe && probe.foundAt === undefined && probe.ackedAt !== undefined) probe.foundAt = seen;
      }
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  await sending;
  return [...probes.values()].map((p) => (p.foundAt as number) - (p.ackedAt as number));
}

/**
 * CPU seconds a process has used, all threads (utime + stime of /proc/<pid>/stat, in clock
 * ticks of 1/100 s, the value Linux reports to user space on every architecture Node runs on).
 */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function peakRssMb(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Sends the batches over `concurrency` connections; resolves when every one was acknowledged. */
async function send(stack: StackProcess, batches: readonly WorkloadBatch[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const b = batches[next++];
        if (b) await post(stack, b);
      }
    }),
  );
}

const WORKLOAD_RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

async function waitSearchable(stack: StackProcess, total: number): Promise<void> {
  while ((await searchCount(stack, WORKLOAD_RANGE)) < total) await new Promise((r) => setTimeout(r, 100));
}

async function runOnce(batches: WorkloadBatch[], records: number, concurrency: number, warmup: { batches: WorkloadBatch[]; records: number }): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
  const stack = await startStackProcess({ dataDir: dir, apiKey: generateBootstrapKey(), port: await closedPort() });
  try {
    // A fresh process spends its first seconds compiling hot code (V8's optimizing compiler ran
    // on 4 background threads, about 7 s of CPU in the first 100k events, measured with
    // perf); a sustained rate is measured after a warm-up load that is sent and searchable first.
    await send(stack, warmup.batches, concurrency);
    await waitSearchable(stack, warmup.records);
    const workloadRange = WORKLOAD_RANGE;
    let loading = true;
    const probing = probeLatencies(stack, () => loading);
    const stackCpu0 = processCpuSeconds(stack.child.pid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    await send(stack, batches, concurrency);
    const ingestSeconds = (performance.now() - t0) / 1000;
    while ((await searchCount(stack, workloadRange)) < warmup.records + records) await new Promise((r) => setTimeout(r, 100));
    const endToEndSeconds = (performance.now() - t0) / 1000;
    const stackCpu = processCpuSeconds(stack.child.pid) - stackCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    loading = false;
    const latencies = await probing;
    return {
      events: records,
      ingestSeconds,
      endToEndSeconds,
      ingestEventsPerSec: Math.round(records / ingestSeconds),
      endToEndEventsPerSec: Math.round(records / endToEndSeconds),
      probes: latencies.length,
      latencyP50Ms: Math.round(quantile(latencies, 0.5)),
      latencyP99Ms: Math.round(quantile(latencies, 0.99)),
      peakRssMb: peakRssMb(stack.child.pid),
      stackCpuUsPerEvent: Math.round((stackCpu * 1e6) / records),
      clientCpuUsPerEvent: Math.round((clientCpu.user + clientCpu.system) / records),
    };
  } finally {
    stack.child.kill('SIGTERM');
    await stack.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '300000' }, warmup: { type: 'string', default: '60000' }, batch: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '4' }, runs: { type: 'string', default: '3' } },
  });
  const { batches, records, bytes } = buildWorkload(Number(values.events), Number(values.batch));
  // Another seed: the warm-up's records are other records (other ids), not copies of the measured ones.
  const warmup = Number(values.warmup) > 0 ? buildWorkload(Number(values.warmup), Number(values.batch), 11) : { batches: [], records: 0 };
  console.error(`workload: ${records} records in ${batches.length} requests, ${(bytes / 1e6).toFixed(1)} MB, after a warm-up of ${warmup.records} records`);
  const referenceUsPerRecord = machineReferenceUsPerRecord();
  console.error(`machine reference (map + serialize one record, one thread): ${referenceUsPerRecord} µs`);
  const runs: RunResult[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const r = await runOnce(batches, records, Number(values.concurrency), warmup);
    console.error(`run ${i + 1}: ${JSON.stringify(r)}`);
    runs.push(r);
  }
  const pick = (k: keyof RunResult): number => median(runs.map((r) => r[k]));
  console.log(
    JSON.stringify({
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, referenceUsPerRecord },
      runs: runs.length,
      events: records,
      warmupEvents: warmup.records,
      medianEndToEndEventsPerSec: pick('endToEndEventsPerSec'),
      medianIngestEventsPerSec: pick('ingestEventsPerSec'),
      medianLatencyP50Ms: pick('latencyP50Ms'),
      medianLatencyP99Ms: pick('latencyP99Ms'),
      medianPeakRssMb: pick('peakRssMb'),
      medianStackCpuUsPerEvent: pick('stackCpuUsPerEvent'),
      medianClientCpuUsPerEvent: pick('clientCpuUsPerEvent'),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
