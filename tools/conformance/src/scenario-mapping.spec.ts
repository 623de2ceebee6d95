import { TEXT_SOURCES, type SourceName } from '@soc/contracts';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { generateScenario } from '@soc/scenario';
import { splitRecords } from '@soc/sources';

/**
 * Every record the scenario generator writes (the demo's and the evaluation harness's input)
 * must survive ingest splitting and map to valid OCSF 1.8.0: none may end in a dead letter.
 */
describe('scenario records through ingest splitting and normalization', () => {
  const scenario = generateScenario({ seed: 11, start: new Date(Date.UTC(2026, 2, 2, 13)), hours: 2, users: 25 });
  const bySource = new Map<SourceName, string[]>();
  for (const r of scenario.records) {
    const list = bySource.get(r.source) ?? [];
    list.push(typeof r.record === 'string' ? r.record : JSON.stringify(r.record));
    bySource.set(r.source, list);
  }

  it.each([...bySource.keys()])('%s: every record splits, maps and validates', (source) => {
    const body = (bySource.get(source) ?? []).join('\n');
    const split = splitRecords(source, body, { contentType: TEXT_SOURCES.has(source) ? 'text' : 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 1_000_000 });
    expect(split.rejected).toEqual([]);
    const failures: string[] = [];
    const classes = new Map<number, number>();
    for (const rec of split.records) {
      const res = mapperFor(source).map(rec.data, { tenantId: 't', eventUid: `e${rec.index}`, receivedAt: Date.UTC(2026, 2, 2) });
      if (!res.ok) {
        failures.push(`line ${rec.line}: ${res.code} ${res.reason}`);
        continue;
      }
      const v = validateOcsf(res.event);
      if (!v.valid) failures.push(`line ${rec.line}: invalid OCSF: ${v.errors.slice(0, 3).join('; ')}`);
      classes.set(res.event.class_uid, (classes.get(res.event.class_uid) ?? 0) + 1);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(split.records.length).toBeGreaterThan(0);
  });
});
