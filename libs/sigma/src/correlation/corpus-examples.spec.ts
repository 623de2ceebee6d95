/**
 * Every correlation example of the corpus (sigma-specification tests, pySigma's fixture,
 * hayabusa's rules) parses, and behaves as its title/description says when driven with
 * synthetic matches of the rules it references.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { RuleMatch, SigmaEvent } from '../types';
import type { CorrelationEngine } from './correlation-engine';
import { correlationsOf, engineFor, match, run, yamlDocs, HOUR, MIN, SEC } from './test-support';
import type { CorrelationAlert, CorrelationRule } from './types';

const ROOT = resolve(__dirname, '../../../../../shared/corpora/sigma/correlation-examples');

function ymlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ymlFiles(join(dir, e.name)) : e.name.endsWith('.yml') ? [join(dir, e.name)] : [],
  );
}

interface Example {
  rules: CorrelationRule[];
  engine: CorrelationEngine;
}

/** Parses a corpus file; references resolve to the file's own detection rules when it has any. */
function load(file: string): Example {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const base = yamlDocs(text).filter((d) => d && !('correlation' in d));
  const refs = new Set(base.flatMap((d) => [d['id'], d['name']]).filter((x): x is string => typeof x === 'string'));
  const rules = correlationsOf(text, file);
  return { rules, engine: engineFor(rules, undefined, refs.size > 0 ? refs : undefined) };
}

const times = (n: number, step: number, from = 0) => Array.from({ length: n }, (_, i) => from + i * step);
const feed = (ex: Example, ms: RuleMatch[]): CorrelationAlert[] => run(ex.engine, ms);
const groups = (alerts: readonly CorrelationAlert[]) => alerts.map((a) => a.group);

const FAILED = '5638f7c0-ac70-491d-8465-2a65075e0d86';

const SCENARIOS: Record<string, (ex: Example) => void> = {
  // "Many failed logins": >= 100 per ComputerName within 1h.
  'sigma-specification-tests/event_count.yml': (ex) => {
    const a = times(99, 30 * SEC).map((t) => match(FAILED, t, { ComputerName: 'dc1' }));
    const spread = times(100, 72 * SEC).map((t) => match(FAILED, t, { ComputerName: 'dc2' }));
    const hit = match(FAILED, 99 * 30 * SEC, { ComputerName: 'dc1' });
    const before = [...a, ...spread.filter((m) => m.time < hit.time)].sort((x, y) => x.time - y.time);
    expect(feed(ex, before)).toEqual([]);
    expect(ex.engine.observe(hit).map((x) => [x.group, x.aggregate])).toEqual([[{ ComputerName: 'dc1' }, 100]]);
    expect(feed(ex, spread.filter((m) => m.time >= hit.time))).toEqual([]);
  },
  // Same with an ECS field (dotted, nested in the event).
  'sigma-specification-tests/event_count_ecs.yml': (ex) => {
    const q = (name: string): SigmaEvent => ({ dns: { question: { name } } });
    const alerts = feed(ex, times(100, SEC).map((t) => match(FAILED, t, q('evil.example'))));
    expect(groups(alerts)).toEqual([{ 'dns.question.name': 'evil.example' }]);
  },
  // "Recon": three recon rules in arbitrary order within 5 minutes, same ComputerName and User.
  'sigma-specification-tests/temporal.yml': (ex) => {
    const ev = (User: string) => ({ ComputerName: 'ws1', User });
    const alerts = feed(ex, [
      match('x', 0, ev('bob'), 'recon_cmd_c'),
      match('x', MIN, ev('bob'), 'recon_cmd_a'),
      match('x', 2 * MIN, ev('eve'), 'recon_cmd_b'),
      match('x', 4 * MIN, ev('bob'), 'recon_cmd_b'),
      match('x', 12 * MIN, ev('eve'), 'recon_cmd_a'),
      match('x', 13 * MIN, ev('eve'), 'recon_cmd_c'),
    ]);
    expect(groups(alerts)).toEqual([{ ComputerName: 'ws1', User: 'bob' }]);
  },
  // "Recon ordered": the same, in the listed order only.
  'sigma-specification-tests/temporal_ordered.yml': (ex) => {
    const ev = (User: string) => ({ ComputerName: 'ws1', User });
    const alerts = feed(ex, [
      match('x', 0, ev('eve'), 'recon_cmd_c'),
      match('x', 0, ev('bob'), 'recon_cmd_a'),
      match('x', MIN, ev('eve'), 'recon_cmd_b'),
      match('x', MIN, ev('bob'), 'recon_cmd_b'),
      match('x', 2 * MIN, ev('eve'), 'recon_cmd_a'),
      match('x', 2 * MIN, ev('bob'), 'recon_cmd_c'),
    ]);
    expect(groups(alerts)).toEqual([{ ComputerName: 'ws1', User: 'bob' }]);
  },
  // "Suspicious average network traffic": average BytesOut > 500 per SourceIP and User over 24h.
  'sigma-specification-tests/value_avg.yml': (ex) => {
    const ev = (SourceIP: string, BytesOut: number) => ({ SourceIP, User: 'svc', BytesOut });
    const during = feed(ex, [
      match('rule_a_id', 0, ev('10.0.0.1', 1000)),
      match('rule_a_id', HOUR, ev('10.0.0.1', 200)),
      match('rule_a_id', 2 * HOUR, ev('10.0.0.2', 900)),
      match('rule_a_id', 3 * HOUR, ev('10.0.0.2', 100)),
      match('rule_a_id', 4 * HOUR, ev('10.0.0.2', 100)),
    ]);
    expect(during).toEqual([]);
    const closed = ex.engine.advance(30 * HOUR);
    expect(closed.map((a) => [a.group['SourceIP'], a.aggregate])).toEqual([['10.0.0.1', 600]]);
  },
  // "Failed login": >= 100 distinct User per ComputerName and WorkstationName within a day.
  'sigma-specification-tests/value_count.yml': (ex) => {
    const ev = (WorkstationName: string, i: number) => ({ ComputerName: 'dc1', WorkstationName, User: `user${i}` });
    const fewer = times(300, MIN).map((t, i) => match(FAILED, t, ev('ws-b', i % 99)));
    const many = times(99, MIN).map((t, i) => match(FAILED, t, ev('ws-a', i)));
    expect(feed(ex, [...fewer, ...many].sort((x, y) => x.time - y.time))).toEqual([]);
    const hit = ex.engine.observe(match(FAILED, 300 * MIN, ev('ws-a', 99)));
    expect(hit.map((a) => [a.group['WorkstationName'], a.aggregate])).toEqual([['ws-a', 100]]);
  },
  // "A computer spawned a process name ... than 1% of all the processes": rare Image values.
  'sigma-specification-tests/value_percentile.yml': (ex) => {
    const common = ['C:\\Windows\\explorer.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\conhost.exe'];
    const ms = times(300, MIN).map((t, i) => match('process_creation', t, { ComputerName: 'ws1', Image: common[i % 3] }));
    ms.push(match('process_creation', 301 * MIN, { ComputerName: 'ws1', Image: 'C:\\Users\\Public\\rare.exe' }));
    expect(feed(ex, ms)).toEqual([]);
    const closed = ex.engine.advance(48 * HOUR);
    expect(closed.map((a) => [a.group['ComputerName'], a.fieldValue])).toEqual([['ws1', 'C:\\Users\\Public\\rare.exe']]);
  },
  // "Possible Exfiltration to Website": sum of bytes_sent > 1,000,000 per SourceIP and User in 1h.
  'sigma-specification-tests/value_sum.yml': (ex) => {
    const ev = (User: string) => ({ SourceIP: '10.1.1.1', User, bytes_sent: 400_000 });
    const alerts = feed(ex, [
      match('website_access', 0, ev('slow')),
      match('website_access', 0, ev('fast')),
      match('website_access', 10 * MIN, ev('fast')),
      match('website_access', 20 * MIN, ev('fast')),
      match('website_access', 40 * MIN, ev('slow')),
      match('website_access', 120 * MIN, ev('slow')),
    ]);
    expect(alerts.map((a) => [a.group['User'], a.aggregate])).toEqual([['fast', 1_200_000]]);
  },
  // pySigma's fixture: event_count (>= 10 per fieldC+fieldD), value_count (< 10 distinct fieldD per
  // fieldC, decided when the window closes) and a temporal pair of base rules by fieldC.
  'pysigma-fixture/correlation_rule.yml': (ex) => {
    const base = (t: number, fieldC: string, fieldD: string) => match('5d8fd9da-6916-45ef-8d4d-3fa9d19d1a64', t, { fieldC, fieldD }, 'base_rule');
    const ms = [...times(10, SEC).map((t) => base(t, 'c1', 'd1')), ...times(12, SEC).map((t, i) => base(t, 'c2', `d${i}`))];
    ms.sort((x, y) => x.time - y.time);
    const eager = feed(ex, ms);
    expect(eager.map((a) => [a.rule.title, a.group])).toEqual([['Multiple occurrences of base event', { fieldC: 'c1', fieldD: 'd1' }]]);
    const pair = feed(ex, [match('r1', 2 * MIN, { fieldC: 'x' }, 'base_rule_1'), match('r2', 3 * MIN, { fieldC: 'x' }, 'base_rule_2')]);
    expect(pair.map((a) => [a.rule.title, a.group])).toEqual([['Temporal correlation rule', { fieldC: 'x' }]]);
    const closed = ex.engine.advance(HOUR);
    expect(closed.map((a) => [a.rule.title, a.group, a.aggregate])).toEqual([
      ['Multiple occurrences of base event with different values', { fieldC: 'c1' }, 1],
    ]);
    expect(ex.engine.suppressedBaseRules()).toEqual(new Set(['base_rule', 'base_rule_1', 'base_rule_2']));
  },
  // "User Guessing": more than 3 distinct non-existent TargetUserName from one source in 5 minutes.
  'hayabusa-rules/Sec_4625_Med_LogonFail_UserGuessing_Correlation.yml': (ex) => {
    const ev = (TargetUserName: string, IpAddress: string): SigmaEvent => ({
      TargetUserName,
      IpAddress,
      LogonType: 3,
      TargetDomainName: 'FS01',
      ProcessName: 'C:\\Program Files\\OpenSSH-Win64\\sshd.exe',
      LogonProcessName: 'Advapi',
      WorkstationName: 'FS01',
    });
    const guess = (t: number, user: string, ip: string) => match('b2c74582-0d44-49fe-8faa-014dcdafee62', t, ev(user, ip), 'non_existent_user');
    const three = ['admin', 'root', 'test'].map((u, i) => guess(i * SEC, u, '192.0.2.1'));
    expect(feed(ex, [...three, guess(4 * SEC, 'admin', '192.0.2.1')])).toEqual([]);
    const alerts = feed(ex, [guess(5 * SEC, 'oracle', '192.0.2.1'), guess(6 * SEC, 'guest', '192.0.2.2')]);
    expect(alerts.map((a) => [a.group['IpAddress'], a.aggregate])).toEqual([['192.0.2.1', 4]]);
    expect(ex.engine.suppressedBaseRules()).toEqual(new Set(['non_existent_user']));
  },
  // "PW Guessing": at least 5 wrong passwords for one account from one source in 5 minutes.
  'hayabusa-rules/Sec_4625_Med_LogonFail_WrongPW_PW-Guessing_Correlation.yml': (ex) => {
    const ev = (TargetUserName: string): SigmaEvent => ({
      TargetUserName,
      TargetDomainName: '.',
      IpAddress: '192.168.198.149',
      LogonType: 3,
      ProcessName: '-',
      LogonProcessName: 'NtLmSsp',
    });
    const wrong = (t: number, user: string) => match('5b0b75dc-9190-4047-b9a8-14164cee8a31', t, ev(user), 'incorrect_password');
    const slow = times(5, 150 * SEC).map((t) => wrong(t, 'alice'));
    const fast = times(5, 20 * SEC, 1000).map((t) => wrong(t, 'Administrator'));
    const alerts = feed(ex, [...slow, ...fast].sort((x, y) => x.time - y.time));
    expect(alerts.map((a) => [a.group['TargetUserName'], a.aggregate])).toEqual([['Administrator', 5]]);
  },
  // "PW Spray": explicit-credential logons to at least 5 distinct accounts from one source in 5 minutes.
  'hayabusa-rules/Sec_4648_Med_ExplicitLogon_PW-Spray_Correlation.yml': (ex) => {
    const spray = (t: number, user: string, Computer: string) =>
      match('ab1accc0-b6e2-4841-8dfb-5902581392c3', t, { IpAddress: '198.51.100.7', Computer, TargetUserName: user }, 'explicit_logon');
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const split = users.map((u, i) => spray(i * SEC, u, i % 2 ? 'srv1' : 'srv2'));
    expect(feed(ex, split)).toEqual([]);
    const alerts = feed(ex, users.map((u, i) => spray(10 * SEC + i, u, 'srv3')));
    expect(alerts.map((a) => [a.group, a.aggregate])).toEqual([[{ IpAddress: '198.51.100.7', Computer: 'srv3' }, 5]]);
  },
};

describe('correlation corpus', () => {
  const files = ymlFiles(ROOT).map((f) => relative(ROOT, f)).sort();

  it('parses every correlation of every example file', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const parsed = files.flatMap((f) => load(f).rules);
    expect(parsed.length).toBe(14);
    expect(new Set(parsed.map((r) => r.type))).toEqual(
      new Set(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile']),
    );
  });

  it('has a behaviour check for every file', () => {
    expect(files.filter((f) => !(f in SCENARIOS))).toEqual([]);
  });

  it.each(Object.keys(SCENARIOS))('%s behaves as described', (file) => {
    (SCENARIOS[file] as (ex: Example) => void)(load(file));
  });
});
