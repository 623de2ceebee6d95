import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isSocError } from '@soc/errors';
import { CHAIN_NAMES } from './chains/chain';
import { SOC_ERR_SCENARIO_OPTIONS_INVALID } from './errors';
import { generateScenario, type ScenarioRecord } from './scenario';

const CORPORA = resolve(__dirname, '../../../../shared/corpora');
const START = new Date('2026-03-02T13:00:00Z');
const scenario = generateScenario({ seed: 42, start: START, hours: 8, users: 40 });
const records = scenario.records;

function attackTable(): Map<string, string[]> {
  const rows = readFileSync(resolve(CORPORA, 'attack/techniques_and_tactics.tsv'), 'utf8').split('\n').slice(1);
  const m = new Map<string, string[]>();
  for (const row of rows) {
    const [id, type, , tactics, , revoked, deprecated] = row.split('\t');
    if (id && type === 'attack-pattern' && revoked === 'False' && deprecated === 'False') m.set(id, (tactics ?? '').split(','));
  }
  return m;
}

const SYSLOG_3164 = /^<(\d{1,3})>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [\w.-]+(\[\d+\])?: .+$/;
const SYSLOG_5424 = /^<(\d{1,3})>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) \S+ \S+ \S+ \S+ (-|\[.+\]) .+$/;
const AUDIT = /type=\S+ msg=audit\(\d+\.\d+:\d+\):/;

function jsonFieldsOk(r: ScenarioRecord): boolean {
  const o = r.record as Record<string, unknown>;
  switch (r.source) {
    case 'windows': {
      const sys = (o['Event'] as { System: Record<string, unknown> }).System;
      return ['Provider', 'EventID', 'Channel', 'Computer', 'TimeCreated', 'EventRecordID'].every((k) => k in sys) && 'EventData' in (o['Event'] as object);
    }
    case 'aws-cloudtrail':
      return ['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'requestParameters', 'responseElements', 'requestID', 'eventID', 'readOnly', 'eventType', 'recipientAccountId'].every((k) => k in o);
    case 'okta':
      return ['uuid', 'published', 'eventType', 'actor', 'client', 'outcome', 'severity', 'displayMessage'].every((k) => k in o);
    case 'entra':
      return ('createdDateTime' in o && 'userPrincipalName' in o && 'status' in o) || ('activityDateTime' in o && 'activityDisplayName' in o) || ('CreationTime' in o && 'Operation' in o && 'Workload' in o);
    case 'github-audit':
      return ['@timestamp', 'action', 'actor', 'org', 'created_at'].every((k) => k in o);
    case 'zeek':
      return ['_path', 'ts', 'uid', 'id.orig_h', 'id.resp_h'].every((k) => k in o) && ['conn', 'dns', 'http'].includes(o['_path'] as string);
    default:
      return false;
  }
}

describe('generateScenario', () => {
  it('produces a realistic benign volume with attacks under 2 %', () => {
    const labelled = records.filter((r) => r.label).length;
    expect(records.length).toBeGreaterThan(20_000);
    expect(labelled / records.length).toBeLessThan(0.02);
    expect(labelled).toBeGreaterThan(100);
    const sources = new Set(records.map((r) => r.source));
    expect([...sources].sort()).toEqual(['auditd', 'aws-cloudtrail', 'entra', 'github-audit', 'okta', 'syslog', 'windows', 'zeek']);
  });

  it('keeps every timestamp inside the window and sorted', () => {
    const end = START.getTime() + 8 * 3_600_000;
    const bad = records.filter((r, i) => r.time < START.getTime() || r.time >= end || (i > 0 && r.time < (records[i - 1] as ScenarioRecord).time));
    expect(bad).toHaveLength(0);
  });

  it('includes every chain with ordered steps and valid ATT&CK technique/tactic pairs', () => {
    const attack = attackTable();
    for (const name of CHAIN_NAMES) {
      const chain = records.filter((r) => r.label?.chainId === `${name}-42`);
      expect(chain.length).toBeGreaterThan(5);
      const firstOfStep = new Map<number, number>();
      const lastOfStep = new Map<number, number>();
      for (const r of chain) {
        const l = r.label as NonNullable<ScenarioRecord['label']>;
        expect(attack.get(l.technique)).toContain(l.tactic);
        if (!firstOfStep.has(l.step)) firstOfStep.set(l.step, r.time);
        lastOfStep.set(l.step, r.time);
      }
      const steps = [...firstOfStep.keys()].sort((a, b) => a - b);
      expect(steps[0]).toBe(1);
      expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
      for (let i = 1; i < steps.length; i++) expect(firstOfStep.get(steps[i] as number) ?? 0).toBeGreaterThanOrEqual((lastOfStep.get(steps[i - 1] as number) ?? 0) - 1);
    }
  });

  it('labels the malicious records themselves', () => {
    const adv = scenario.world.adversary;
    const text = (r: ScenarioRecord): string => (typeof r.record === 'string' ? r.record : JSON.stringify(r.record));
    const byTech = (t: string): ScenarioRecord[] => records.filter((r) => r.label?.technique === t);
    expect(byTech('T1110.003').every((r) => adv.sprayIps.some((ip) => text(r).includes(ip)))).toBe(true);
    expect(byTech('T1621').some((r) => text(r).includes('user.mfa.okta_verify.deny_push'))).toBe(true);
    expect(byTech('T1059.001').some((r) => text(r).includes('WINWORD.EXE') && text(r).includes('-enc '))).toBe(true);
    expect(byTech('T1003.001').some((r) => text(r).includes('lsass.exe') && text(r).includes('"EventID":10'))).toBe(true);
    expect(byTech('T1569.002').some((r) => text(r).includes('PSEXESVC'))).toBe(true);
    expect(byTech('T1098.003').every((r) => text(r).includes('AdministratorAccess'))).toBe(true);
    expect(byTech('T1530').every((r) => text(r).includes(adv.awsIp) && text(r).includes('GetObject'))).toBe(true);
    expect(byTech('T1098.004').every((r) => text(r).includes('authorized_keys'))).toBe(true);
    // Benign records never carry attacker infrastructure.
    const iocs = [adv.c2Domain, adv.awsIp, adv.sshIp, adv.mfaIp, ...adv.sprayIps];
    expect(records.filter((r) => !r.label && iocs.some((i) => text(r).includes(i)))).toHaveLength(0);
  });

  it('includes benign look-alikes so detection is not trivial', () => {
    const benign = records.filter((r) => !r.label).map((r) => (typeof r.record === 'string' ? r.record : JSON.stringify(r.record)));
    expect(benign.some((t) => t.includes('-EncodedCommand') && t.includes('AgentExecutor'))).toBe(true);
    expect(benign.some((t) => t.includes('INVALID_CREDENTIALS'))).toBe(true);
    expect(benign.some((t) => t.includes('"AuthenticationPackageName":"NTLM"'))).toBe(true);
    expect(benign.some((t) => t.includes('Failed password for invalid user'))).toBe(true);
    expect(benign.some((t) => t.includes('New-InboxRule') || t.includes('GetCallerIdentity'))).toBe(true);
  });

  it('emits well-formed records for every format', () => {
    for (const r of records) {
      if (r.format === 'json') {
        expect(typeof r.record).toBe('object');
        if (!jsonFieldsOk(r)) throw new Error(`malformed ${r.source} record: ${JSON.stringify(r.record).slice(0, 300)}`);
      } else if (r.source === 'auditd') {
        const lines = (r.record as string).split('\n');
        const stamp = (lines[0] as string).match(/msg=audit\((\d+\.\d+:\d+)\)/)?.[1];
        for (const l of lines) {
          expect(l).toMatch(AUDIT);
          expect(l).toContain(`msg=audit(${stamp}):`);
        }
      } else {
        const line = r.record as string;
        const m = line.match(SYSLOG_3164) ?? line.match(SYSLOG_5424);
        if (!m) throw new Error(`not RFC 3164/5424: ${line}`);
        expect(Number(m[1])).toBeLessThan(192);
      }
    }
  });

  it('keeps EventRecordID increasing per host and channel', () => {
    const last = new Map<string, number>();
    for (const r of records) {
      if (r.source !== 'windows') continue;
      const sys = (r.record as { Event: { System: { Computer: string; Channel: string; EventRecordID: number } } }).Event.System;
      const key = `${sys.Computer}|${sys.Channel}`;
      if (sys.EventRecordID <= (last.get(key) ?? 0)) throw new Error(`EventRecordID not increasing on ${key}`);
      last.set(key, sys.EventRecordID);
    }
  });

  it('rejects bad options with a stable code', () => {
    const bad = [{ seed: 1.5 }, { hours: 0 }, { users: 2 }, { chains: ['nope'] }, { start: new Date('x') }];
    for (const b of bad) {
      try {
        generateScenario({ seed: 1, start: START, hours: 1, ...b } as never);
        throw new Error('accepted');
      } catch (e) {
        expect(isSocError(e, SOC_ERR_SCENARIO_OPTIONS_INVALID)).toBe(true);
      }
    }
  });
});
