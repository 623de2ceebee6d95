import { TEXT_SOURCES, type SourceName } from '@soc/contracts';
import { generateScenario } from '@soc/scenario';

/** One prepared ingest request. */
export interface WorkloadBatch {
  source: SourceName;
  contentType: 'application/x-ndjson' | 'text/plain';
  body: string;
  records: number;
}

/** One native record of the benchmark scenario, parsed and as the line a shipper sends. */
export interface ScenarioRecord {
  source: SourceName;
  record: unknown;
  line: string;
}

/** The benchmarks' scenario (10 hours of a 40-user company), seeded, in generation order. */
export function scenarioRecords(seed = 7): ScenarioRecord[] {
  const scenario = generateScenario({ seed, start: new Date(Date.UTC(2026, 0, 5, 6)), hours: 10, users: 40 });
  return scenario.records.map((r) => ({ source: r.source, record: r.record, line: typeof r.record === 'string' ? r.record : JSON.stringify(r.record) }));
}

/**
 * A realistic mix of native records from the scenario generator, replicated until `events`
 * records exist, cut into per-source request bodies. Serialized before the clock starts so
 * the benchmark measures the pipeline, not the generator.
 */
export function buildWorkload(events: number, batchSize: number, seed = 7): { batches: WorkloadBatch[]; records: number; bytes: number } {
  const bySource = new Map<SourceName, string[]>();
  for (const r of scenarioRecords(seed)) {
    const list = bySource.get(r.source) ?? [];
    list.push(r.line);
    bySource.set(r.source, list);
  }
  const batches: WorkloadBatch[] = [];
  let records = 0;
  let bytes = 0;
  // Whole scenario rounds, source by source, until enough records: the mix stays the scenario's.
  while (records < events) {
    for (const [source, lines] of bySource) {
      for (let i = 0; i < lines.length && records < events; i += batchSize) {
        const chunk = lines.slice(i, Math.min(i + batchSize, i + events - records));
        const body = chunk.join('\n');
        batches.push({ source, contentType: TEXT_SOURCES.has(source) ? 'text/plain' : 'application/x-ndjson', body, records: chunk.length });
        records += chunk.length;
        bytes += body.length;
      }
    }
  }
  return { batches, records, bytes };
}
