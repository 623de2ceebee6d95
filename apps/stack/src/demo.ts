import { type Clock, type SourceName, TEXT_SOURCES } from '@soc/contracts';
import type { IngestService } from '@soc/ingest';
import type { Logger } from '@soc/logging';
import { demoStream } from '@soc/scenario';

export interface Demo {
  stop(): Promise<void>;
}

/**
 * Demo mode: replays generated company telemetry (with attack chains) on the wall clock,
 * forever, through the same ingest service HTTP clients use. Records go in with their native
 * formats, so demo data exercises the full pipeline.
 */
export function startDemo(ingest: IngestService, tenantId: string, speedup: number, clock: Clock, log: Logger): Demo {
  let stopped = false;
  let wake: () => void = () => undefined;
  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  const run = async (): Promise<void> => {
    let sent = 0;
    let loop = -1;
    for (const batch of demoStream({ seed: 1, speedup, clock })) {
      if (stopped) return;
      const wait = batch.dueAt - clock.now();
      if (wait > 0) await sleep(wait);
      if (stopped) return;
      for (const [source, records] of Object.entries(batch.bySource) as [SourceName, (object | string)[]][]) {
        if (records.length === 0) continue;
        const text = TEXT_SOURCES.has(source);
        const body = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
        await ingest.ingest({ tenantId, source, body, contentType: text ? 'text' : 'ndjson', channel: 'demo' });
      }
      sent += batch.count;
      if (batch.loop !== loop) log.info({ sent, loop: (loop = batch.loop) }, 'demo scenario loop started');
    }
  };
  const done = run().catch((err: unknown) => log.error({ err }, 'demo replay stopped'));
  log.info({ speedup }, 'demo replay started');
  return {
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}
