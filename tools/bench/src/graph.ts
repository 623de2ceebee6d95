import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ManualClock } from '@soc/contracts';
import { Database, DrizzleEntityGraph } from '@soc/db';
import { GraphBatchBuilder, type GraphBatch, eventObservation } from '@soc/graph';
import { mapperFor } from '@soc/ocsf';
import { iterateScenario } from '@soc/scenario';
import { median } from './stats';

/**
 * Entity graph throughput: scenario events through the real mappers (not timed), then what
 * the graph service does per batch, timed: extract each event's observation, fold the batch
 * into one write, upsert it with the tenant's watermark into the state database on PGlite.
 * Two passes over the same events: the first mostly inserts, the second only updates (the
 * steady state, where users, hosts and processes recur). Prints one JSON document.
 *
 *   node --import tsx tools/bench/src/graph.ts [--hours 24] [--users 40] [--batch 2000]
 */

interface Mapped {
  id: string;
  source: string;
  event: Record<string, unknown>;
}

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

function mappedEvents(hours: number, users: number): Mapped[] {
  const out: Mapped[] = [];
  let i = 0;
  for (const r of iterateScenario({ seed: 42, start: new Date(Date.UTC(2026, 0, 5)), hours, users, chains: 'all' })) {
    const id = `ev-${i++}`;
    const res = mapperFor(r.source).map(r.record, { tenantId: 'bench', eventUid: id, receivedAt: r.time });
    if (res.ok) out.push({ id, source: r.source, event: res.event as Record<string, unknown> });
  }
  return out;
}

function fold(events: readonly Mapped[], pass: number): GraphBatch {
  const b = new GraphBatchBuilder();
  for (const e of events) b.observe(eventObservation(e.event, e.source, `${pass}-${e.id}`));
  return b.build();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { hours: { type: 'string', default: '24' }, users: { type: 'string', default: '40' }, batch: { type: 'string', default: '2000' } } });
  const batchSize = Number(values.batch);
  const events = mappedEvents(Number(values.hours), Number(values.users));
  const batches: Mapped[][] = [];
  for (let i = 0; i < events.length; i += batchSize) batches.push(events.slice(i, i + batchSize));

  // Extraction and folding alone, best of three.
  const extractMs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (const b of batches) fold(b, 0);
    extractMs.push(performance.now() - t0);
  }

  const dir = mkdtempSync(join(tmpdir(), 'bench-graph-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 6));
  const db = await Database.open({ kind: 'pglite', dataDir: dir }, { clock });
  const passes: Record<string, unknown>[] = [];
  try {
    await db.tenants.create({ id: 'bench', name: 'Bench' });
    const graph = new DrizzleEntityGraph(db, clock);
    let position: number | null = null;
    for (const pass of [1, 2]) {
      const perBatch: number[] = [];
      let entities = 0;
      let edges = 0;
      const t0 = performance.now();
      for (const b of batches) {
        const start = performance.now();
        const batch = fold(b, pass);
        const next: number = (position ?? -1) + b.length;
        await graph.upsert('bench', batch, { watermark: { stream: 'graph/events.ocsf/0', expected: position, next } });
        position = next;
        entities += batch.entities.length;
        edges += batch.edges.length;
        perBatch.push(performance.now() - start);
      }
      const seconds = (performance.now() - t0) / 1000;
      passes.push({
        pass: pass === 1 ? 'first (inserts)' : 'second (updates)',
        eventsPerSecond: round(events.length / seconds),
        seconds: round(seconds, 2),
        upsertsPerBatch: { entities: round(entities / batches.length, 1), edges: round(edges / batches.length, 1) },
        batchMsMedian: round(median(perBatch), 1),
        batchMsMax: round(Math.max(...perBatch), 1),
      });
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const best = Math.min(...extractMs);
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'graph',
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        loadAverage: loadavg().map((x) => round(x, 2)),
        scenario: { seed: 42, hours: Number(values.hours), users: Number(values.users), events: events.length },
        batchSize,
        extractAndFold: { eventsPerSecond: round(events.length / (best / 1000)), ms: round(best, 1) },
        extractFoldUpsertPglite: passes,
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
