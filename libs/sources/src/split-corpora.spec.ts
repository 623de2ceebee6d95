import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { splitRecords } from './split';
import type { SplitOptions } from './records';

// Real third-party samples, read in place (never copied into the repo).
const CORPORA = path.resolve(__dirname, '../../../../shared/corpora');
const OTRF = path.join(CORPORA, 'logs/otrf-security-datasets');
const opts: SplitOptions = { contentType: 'json', maxRecordBytes: 1_000_000, maxRecords: 100_000 };

const countLines = (text: string): number => text.split('\n').filter((l) => l.trim() !== '').length;

describe('splitRecords on real corpora', () => {
  it('splits every SigmaHQ regression JSON twin, including the concatenated pretty-printed ones', () => {
    const manifest = readFileSync(path.join(CORPORA, 'sigma/regression_manifest.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { json: string });
    let total = 0;
    let multi = 0;
    for (const m of manifest) {
      const body = readFileSync(path.join(CORPORA, 'sigma/sigmahq', m.json));
      const { records, rejected } = splitRecords('windows', body, opts);
      expect(rejected).toEqual([]);
      for (const r of records) expect(r.data).toHaveProperty('Event.System');
      total += records.length;
      if (records.length > 1) multi++;
    }
    expect(manifest).toHaveLength(163);
    // Counted independently with Python's json.JSONDecoder.raw_decode over each file.
    expect(total).toBe(186);
    expect(multi).toBe(9);
  });

  it('splits OTRF CloudTrail NDJSON and the same records wrapped as a CloudTrail log file', () => {
    const text = readFileSync(path.join(OTRF, 'atomic/aws/collection/ec2_proxy_s3_exfiltration_2020-09-14011940.json'), 'utf8');
    const ndjson = splitRecords('aws-cloudtrail', text, { ...opts, contentType: 'ndjson' });
    expect(ndjson.rejected).toEqual([]);
    expect(ndjson.records).toHaveLength(countLines(text));
    const wrapped = JSON.stringify({ Records: ndjson.records.map((r) => r.data) }, null, 2);
    const fromFile = splitRecords('aws-cloudtrail', wrapped, opts);
    expect(fromFile.records.map((r) => r.data)).toEqual(ndjson.records.map((r) => r.data));
  });

  it('splits the APT29 Zeek JSON logs, one record per line', () => {
    const dir = path.join(OTRF, 'compound/apt29/day1/zeek');
    for (const f of readdirSync(dir).filter((n) => /__(conn|dns|http)\.log$/.test(n))) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const { records, rejected } = splitRecords('zeek', text, { ...opts, contentType: 'ndjson' });
      expect(rejected).toEqual([]);
      expect(records).toHaveLength(countLines(text));
    }
  });

  it('groups raw auditd log lines of the OTRF Linux datasets by serial', () => {
    const text = readFileSync(path.join(OTRF, 'atomic/linux/discovery/host/sh_arp_cache_2020-11-10074812.log'), 'utf8');
    const { records, rejected } = splitRecords('auditd', text, { ...opts, contentType: 'text' });
    expect(rejected).toEqual([]);
    const serials = new Set(text.split('\n').filter((l) => l !== '').map((l) => /:(\d+)\)/.exec(l)?.[1]));
    expect(records).toHaveLength(serials.size);
    for (const r of records) {
      const lines = String(r.data).split('\n');
      expect(new Set(lines.map((l) => /:(\d+)\)/.exec(l)?.[1])).size).toBe(1);
      expect(lines[0]).toMatch(/^type=SYSCALL /);
    }
  });

  it('takes auditd forwarded through syslog as JSON objects with a SyslogMessage field (Log4Shell)', () => {
    const file = 'compound/Log4Shell/syslog_auoms_auditd_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json';
    const text = readFileSync(path.join(OTRF, file), 'utf8');
    const { records, rejected } = splitRecords('auditd', text, { ...opts, contentType: 'ndjson' });
    expect(rejected).toEqual([]);
    expect(records.length).toBe(countLines(text)); // auoms writes one line per event
    expect(String(records[0]?.data)).toMatch(/^type=AUOMS_EXECVE audit\(1652292621\.986:84138\)/);
  });
});
