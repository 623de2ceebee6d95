import { mapperFor } from '@soc/ocsf';
import { median } from './stats';
import { scenarioRecords } from './workload';

/**
 * A fixed single-thread CPU task timed before a benchmark runs: mapping the same scenario
 * records to OCSF and serializing them, the pipeline's typical work. Machines of one kind
 * differ in speed between sessions (the same code and load measured 13,162 events/s on one and
 * about 6,000 on another), so a throughput figure means little without it: the ratio of two
 * machines' references says how much of a difference is the machine.
 */
export function machineReferenceUsPerRecord(records = 20_000, rounds = 5): number {
  const input = scenarioRecords().slice(0, records);
  const perRecord: number[] = [];
  let bytes = 0;
  for (let round = 0; round < rounds; round++) {
    const t = process.cpuUsage();
    for (const r of input) {
      const mapped = mapperFor(r.source)?.map(r.record, { tenantId: 'bench', eventUid: 'reference', receivedAt: 0, rawText: r.line });
      if (mapped?.ok) bytes += JSON.stringify(mapped.event).length;
    }
    const d = process.cpuUsage(t);
    perRecord.push((d.user + d.system) / input.length);
  }
  if (bytes === 0) throw new Error('machine reference: no record mapped');
  // The first round pays for compiling the mappers.
  return Math.round(median(perRecord.slice(1)) * 10) / 10;
}
