import type { Clock, SourceName } from '@soc/contracts';
import { optionsInvalid } from './errors';
import { retime } from './retime';
import { iterateScenario } from './scenario';

/** Options of the endless demo feed. */
export interface DemoOptions {
  seed: number;
  /** Scenario seconds per wall second (1 = real time). */
  speedup: number;
  clock: Clock;
  users?: number;
  /** Scenario hours per loop before starting over with the next seed (default 4). */
  loopHours?: number;
  /** Wall milliseconds covered by one batch (default 1000). */
  batchMs?: number;
}

/** Records due at `dueAt` (wall ms), grouped by source, timestamps already moved to wall time. */
export interface DemoBatch {
  dueAt: number;
  loop: number;
  bySource: Partial<Record<SourceName, (object | string)[]>>;
  count: number;
}

/**
 * Endless feed for demo mode: replays scenarios on the wall clock, each loop with seed + loop,
 * starting where the previous ended. The caller waits until `dueAt` and POSTs each source's
 * records to /v1/ingest/{source}. Pull lazily; it never ends.
 */
export function* demoStream(o: DemoOptions): Generator<DemoBatch, never, undefined> {
  if (!(o.speedup > 0)) throw optionsInvalid('speedup', 'must be > 0', o.speedup);
  const batchMs = o.batchMs ?? 1000;
  if (!(batchMs > 0)) throw optionsInvalid('batchMs', 'must be > 0', batchMs);
  const loopHours = o.loopHours ?? 4;
  let wallStart = o.clock.now();
  for (let loop = 0; ; loop++) {
    const start = wallStart;
    let batch: DemoBatch = { dueAt: start + batchMs, loop, bySource: {}, count: 0 };
    for (const r of iterateScenario({ seed: o.seed + loop, start: new Date(start), hours: loopHours, users: o.users })) {
      const wall = start + Math.floor((r.time - start) / o.speedup);
      while (wall >= batch.dueAt) {
        if (batch.count > 0) yield batch;
        batch = { dueAt: batch.dueAt + batchMs, loop, bySource: {}, count: 0 };
      }
      (batch.bySource[r.source] ??= []).push(retime(r.source, r.record, wall));
      batch.count++;
    }
    if (batch.count > 0) yield batch;
    wallStart = start + Math.ceil((loopHours * 3_600_000) / o.speedup);
  }
}
