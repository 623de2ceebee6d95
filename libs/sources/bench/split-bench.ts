// Throughput of splitRecords on a ~10 MB NDJSON body built from real OTRF Windows events.
// Run: npx tsx libs/sources/bench/split-bench.ts   (not a test: numbers depend on the machine)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitRecords } from '../src/split';

const FILE = path.resolve(__dirname, '../../../../shared/corpora/logs/otrf-security-datasets/atomic/windows/defense_evasion/host/covenant_installutil_2020-09-19211702.json');
const lines = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim() !== '');
const parts: string[] = [];
let size = 0;
for (let i = 0; size < 10 * 1024 * 1024; i++) {
  const l = lines[i % lines.length] ?? '';
  parts.push(l);
  size += l.length + 1;
}
const ndjson = Buffer.from(parts.join('\n'));
const pretty = Buffer.from(parts.slice(0, 2000).map((l) => JSON.stringify(JSON.parse(l), null, 2)).join('\n'));
const syslog = Buffer.from(Array.from({ length: 100_000 }, (_, i) => `<86>May 15 11:00:${String(i % 60).padStart(2, '0')} web1 sshd[${i}]: Accepted password for bob from 10.0.0.5 port 5022 ssh2`).join('\n'));

function bench(name: string, body: Buffer, run: () => number): void {
  run(); // warm-up
  const reps = 5;
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (let r = 0; r < reps; r++) n = run();
  const s = Number(process.hrtime.bigint() - t0) / 1e9 / reps;
  console.log(`${name}: ${(body.length / 1048576).toFixed(1)} MB, ${n} records, ${(s * 1000).toFixed(0)} ms -> ${(body.length / 1048576 / s).toFixed(0)} MB/s, ${Math.round(n / s)} records/s`);
}

const lim = { maxRecordBytes: 1_048_576, maxRecords: 1_000_000 };
bench('ndjson (windows)', ndjson, () => splitRecords('windows', ndjson, { contentType: 'ndjson', ...lim }).records.length);
bench('pretty-printed concatenated (windows)', pretty, () => splitRecords('windows', pretty, { contentType: 'json', ...lim }).records.length);
bench('syslog text', syslog, () => splitRecords('syslog', syslog, { contentType: 'text', ...lim }).records.length);
