import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { validateOcsf } from '../../validate';
import { createWindowsMapper } from './windows-mapper';

// Without the production safety net, so a handler bug shows up as an invalid event here.
const windowsMapper = createWindowsMapper({ degradeInvalid: false });

const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora/logs');

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...files(full, ext));
    else if (full.endsWith(ext)) out.push(full);
  }
  return out;
}

function records(dir: string, ext: string): unknown[] {
  const out: unknown[] = [];
  for (const f of files(dir, ext)) {
    for (const line of readFileSync(f, 'utf8').split('\n')) if (line.trim() !== '') out.push(JSON.parse(line));
  }
  return out;
}

/** Maps every record; returns the class distribution and every failure, described. */
function mapAll(recs: unknown[]) {
  const distribution: Record<string, number> = {};
  const failures: string[] = [];
  const start = process.hrtime.bigint();
  recs.forEach((record, i) => {
    const res = windowsMapper.map(record, { tenantId: 't1', eventUid: `e${i}`, receivedAt: 0 });
    if (!res.ok) return failures.push(`#${i} rejected: ${res.reason}`);
    const v = validateOcsf(res.event);
    if (!v.valid) failures.push(`#${i} invalid: ${v.errors.join('; ')}`);
    distribution[res.event.class_uid] = (distribution[res.event.class_uid] ?? 0) + 1;
    return undefined;
  });
  const perSec = Math.round(recs.length / (Number(process.hrtime.bigint() - start) / 1e9));
  return { distribution, failures, perSec };
}

describe('windowsMapper over real corpora', () => {
  it('maps all 8,725 evtx-to-mitre-attack events to valid OCSF', () => {
    const recs = records(path.join(CORPORA, 'evtx-to-mitre-attack'), '.ndjson');
    expect(recs).toHaveLength(8725);
    const { distribution, failures, perSec } = mapAll(recs);
    process.stdout.write(`evtx-to-mitre-attack: ${recs.length} events, ${perSec} events/s (map + validate), classes ${JSON.stringify(distribution)}\n`);
    expect(failures).toEqual([]);
    expect(distribution['3002']).toBeGreaterThan(100);
    expect(distribution['1007']).toBeGreaterThan(100);
  });

  it('maps all OTRF Windows (NXLog-flattened) events to valid OCSF', () => {
    const recs = records(path.join(CORPORA, 'otrf-security-datasets/atomic/windows'), '.json');
    expect(recs.length).toBeGreaterThan(30_000);
    const { distribution, failures, perSec } = mapAll(recs);
    process.stdout.write(`otrf windows: ${recs.length} events, ${perSec} events/s (map + validate), classes ${JSON.stringify(distribution)}\n`);
    expect(failures).toEqual([]);
    for (const cls of ['1005', '1007', '201001', '201002', '4001', '4003']) expect(distribution[cls]).toBeGreaterThan(0);
  });
});
