import { mapperFor } from '@soc/ocsf';
import type { OcsfEvent } from '@soc/ocsf';
import type { SourceName } from '@soc/contracts';
import { generateScenario } from '@soc/scenario';
import { compileRule } from '../rule/compile';
import { parseSigmaYaml } from '../rule/parse';
import type { Logsource, SigmaEvent } from '../types';
import { ocsfFieldMapping } from './ocsf-mapping';
import { firstEvent } from './testing/corpora';

type Obj = Record<string, unknown>;
interface Mapped {
  source: SourceName;
  record: unknown;
  event: OcsfEvent;
}

/** Scenario records of every source through our real mappers. */
const mapped: Mapped[] = (() => {
  const s = generateScenario({ seed: 11, start: new Date(Date.UTC(2026, 0, 5, 8)), hours: 2, users: 20 });
  const out: Mapped[] = [];
  s.records.forEach((r, i) => {
    const res = mapperFor(r.source).map(r.record, { tenantId: 't1', eventUid: `e${i}`, receivedAt: 0 });
    if (res.ok) out.push({ source: r.source, record: r.record, event: res.event });
  });
  return out;
})();

const of = (source: SourceName, classUid?: number) => mapped.filter((m) => m.source === source && (classUid === undefined || m.event.class_uid === classUid));
const um = (e: OcsfEvent) => e['unmapped'] as Obj;

/** The first variant of a logsource, and a reader of Sigma fields through its renames. */
function variantOf(logsource: Logsource, index = 0) {
  const v = ocsfFieldMapping.variants(logsource)?.[index];
  if (!v) throw new Error(`no variant for ${JSON.stringify(logsource)}`);
  const holds = (e: SigmaEvent) => v.conditions.every((c) => c.values.some((x) => String(x).toLowerCase() === String(ocsfFieldMapping.accessor(c.field)(e)).toLowerCase()));
  const read = (field: string, e: SigmaEvent) => ocsfFieldMapping.accessor(v.fieldRenames[field] ?? field)(e);
  return { v, holds, read };
}

/** A one-selection rule compiled with the OCSF mapping. */
function rule(logsource: Logsource, selection: Obj) {
  const yaml = JSON.stringify({ title: 't', id: '00000000-0000-4000-8000-000000000001', logsource, detection: { selection, condition: 'selection' } });
  const [r] = parseSigmaYaml(yaml, 'inline.yml').rules;
  if (!r) throw new Error('inline rule did not parse');
  return compileRule(r, { mapping: ocsfFieldMapping });
}

describe('ocsfFieldMapping on events from our mappers (scenario records)', () => {
  it('has events of every source to test with', () => {
    for (const s of ['windows', 'aws-cloudtrail', 'okta', 'entra', 'github-audit', 'zeek', 'auditd'] as const) expect(of(s).length).toBeGreaterThan(0);
  });

  it('process_creation: Windows (Sysmon 1, 4688) and auditd launches, fields as the source wrote them', () => {
    const pc = variantOf({ category: 'process_creation', product: 'windows' });
    const win = of('windows', 1007).filter((m) => m.event.activity_id === 1);
    expect(win.length).toBeGreaterThan(0);
    for (const { event } of win) {
      const u = um(event);
      expect(pc.holds(event)).toBe(true);
      expect(pc.read('Image', event)).toBe(u['Image'] ?? u['NewProcessName']);
      expect(pc.read('CommandLine', event)).toBe(u['CommandLine']);
      if (u['ParentImage'] !== undefined) expect(pc.read('ParentImage', event)).toBe(u['ParentImage']);
      if (u['User'] !== undefined) expect(pc.read('User', event)).toBe(u['User']);
      if (u['Hashes'] !== undefined) expect(pc.read('Hashes', event)).toBe(u['Hashes']);
    }
    const linux = of('auditd', 1007);
    expect(linux.length).toBeGreaterThan(0);
    for (const { event } of linux) {
      expect(pc.holds(event)).toBe(true);
      expect(pc.read('Image', event)).toBe((event['process'] as { file: { path: string } }).file.path);
    }
    expect(of('windows', 4001).some(({ event }) => pc.holds(event))).toBe(false);
  });

  it('compiled rules fire on the matching OCSF event only (process_creation, any source)', () => {
    const { event } = of('windows', 1007).find((m) => m.event.activity_id === 1) as Mapped;
    const image = String(um(event)['Image'] ?? um(event)['NewProcessName']);
    const name = image.slice(image.lastIndexOf('\\'));
    const r = rule({ category: 'process_creation', product: 'windows' }, { 'Image|endswith': name });
    expect(r.applicable).toBe(true);
    expect(r.matches(event)).toBe(true);
    const others = mapped.filter((m) => m.event.class_uid !== 1007);
    expect(others.some((m) => r.matches(m.event))).toBe(false);
  });

  it('network_connection, dns_query and file_event on Sysmon-derived events', () => {
    const net = variantOf({ category: 'network_connection', product: 'windows' });
    for (const { event } of of('windows', 4001)) {
      expect(net.holds(event)).toBe(true);
      expect(net.read('DestinationIp', event)).toBe(um(event)['DestinationIp']);
      expect(net.read('Image', event)).toBe(um(event)['Image']);
      expect(String(net.read('DestinationPort', event))).toBe(String(um(event)['DestinationPort']));
    }
    const dns = variantOf({ category: 'dns_query', product: 'windows' });
    for (const { event } of of('windows', 4003)) expect(dns.read('QueryName', event)).toBe(um(event)['QueryName']);
    const file = variantOf({ category: 'file_event', product: 'windows' });
    for (const { event } of of('windows', 1001)) {
      expect(file.holds(event)).toBe(true);
      expect(file.read('TargetFilename', event)).toBe(um(event)['TargetFilename']);
    }
  });

  it('aws cloudtrail: every CloudTrail event (API Activity and IAM classes), eventSource/eventName as recorded', () => {
    const ct = variantOf({ product: 'aws', service: 'cloudtrail' });
    const events = of('aws-cloudtrail');
    expect(new Set(events.map((m) => m.event.class_uid)).size).toBeGreaterThan(1);
    for (const { event, record } of events) {
      const raw = record as Obj;
      expect(ct.holds(event)).toBe(true);
      expect(ct.read('eventName', event)).toBe(raw['eventName']);
      expect(ct.read('eventSource', event)).toBe(raw['eventSource']);
      expect(ct.read('sourceIPAddress', event)).toBe(raw['sourceIPAddress']);
    }
    const withParams = events.find((m) => m.event.class_uid === 6003 && (m.record as Obj)['requestParameters']);
    const params = (withParams?.record as Obj)['requestParameters'] as Obj;
    const [key, value] = Object.entries(params).find(([, v]) => typeof v === 'string') as [string, string];
    expect(ocsfFieldMapping.accessor(`requestParameters.${key}`)((withParams as Mapped).event)).toBe(value);
    expect(of('okta').some(({ event }) => ct.holds(event))).toBe(false);
  });

  it('okta, azure signinlogs/auditlogs and github audit by source, native names read back', () => {
    const okta = variantOf({ product: 'okta', service: 'okta' });
    for (const { event, record } of of('okta')) {
      expect(okta.holds(event)).toBe(true);
      expect(okta.read('eventType', event)).toBe((record as Obj)['eventType']);
    }
    const signin = variantOf({ product: 'azure', service: 'signinlogs' });
    const audit = variantOf({ product: 'azure', service: 'auditlogs' });
    const entra = of('entra').filter((m) => (m.event.metadata['product'] as Obj)['name'] === 'Microsoft Entra ID');
    expect(entra.filter((m) => signin.holds(m.event)).every((m) => m.event.class_uid === 3002)).toBe(true);
    expect(entra.some((m) => signin.holds(m.event))).toBe(true);
    expect(entra.some((m) => audit.holds(m.event) && !signin.holds(m.event))).toBe(true);
    const gh = variantOf({ product: 'github', service: 'audit' });
    for (const { event, record } of of('github-audit')) {
      expect(gh.holds(event)).toBe(true);
      expect(gh.read('action', event)).toBe((record as Obj)['action']);
    }
  });

  it('zeek conn/dns/http by log, with the id.* 4-tuple', () => {
    for (const [service, classUid] of [['conn', 4001], ['dns', 4003], ['http', 4002]] as const) {
      const z = variantOf({ product: 'zeek', service });
      const events = of('zeek', classUid);
      expect(events.length).toBeGreaterThan(0);
      for (const { event, record } of events) {
        const raw = (typeof record === 'string' ? JSON.parse(record) : record) as Obj;
        expect(z.holds(event)).toBe(true);
        expect(z.read('id.orig_h', event)).toBe(raw['id.orig_h'] ?? (raw['id'] as Obj | undefined)?.['orig_h']);
        if (service === 'dns') expect(z.read('query', event)).toBe(raw['query']);
        if (service === 'http') expect(z.read('method', event)).toBe(raw['method']);
      }
    }
  });

  it('registry_set on a real Sysmon 13 mapped to Registry Value Activity', () => {
    const rec = firstEvent('logs/otrf-security-datasets/atomic/windows/defense_evasion/host/cmd_mshta_vbscript_execute_psh_2020-10-2202580804.json', (x) => x['EventID'] === 13);
    const res = mapperFor('windows').map(rec, { tenantId: 't1', eventUid: 'r1', receivedAt: 0 });
    if (!res.ok) throw new Error(res.reason);
    const set = variantOf({ category: 'registry_set', product: 'windows' });
    expect(res.event.class_uid).toBe(201002);
    expect(set.holds(res.event)).toBe(true);
    expect(set.read('TargetObject', res.event)).toBe(rec['TargetObject']);
    expect(set.read('Details', res.event)).toBe(rec['Details']);
    const [key] = ocsfFieldMapping.variants({ category: 'registry_event', product: 'windows' }) ?? [];
    expect(key?.conditions[0]?.values).toEqual([201001]);
  });

  it('other Windows logsources go by channel and EventID, fields from unmapped (ps_script 4104)', () => {
    const ps = mapped.find((m) => m.source === 'windows' && m.event.metadata['event_code'] === '4104');
    expect(ps).toBeDefined();
    const r = rule({ category: 'ps_script', product: 'windows' }, { 'ScriptBlockText|contains': String(um((ps as Mapped).event)['ScriptBlockText']).slice(0, 12) });
    expect(r.matches((ps as Mapped).event)).toBe(true);
    const sec = rule({ product: 'windows', service: 'security' }, { EventID: 4624 });
    expect(of('windows', 3002).some((m) => sec.matches(m.event))).toBe(true);
    expect(of('windows', 4001).some((m) => sec.matches(m.event))).toBe(false);
  });

  it('reads dotted OCSF paths directly, so rules can be written against OCSF', () => {
    const { event } = of('windows', 1007)[0] as Mapped;
    expect(ocsfFieldMapping.accessor('process.file.path')(event)).toBe((event['process'] as { file: { path: string } }).file.path);
    expect(ocsfFieldMapping.accessor('class_uid')(event)).toBe(1007);
    expect(ocsfFieldMapping.accessor('EventID')(event)).toBe(um(event)['EventID']);
    expect(ocsfFieldMapping.accessor('constructor')(event)).toBeUndefined();
    expect(ocsfFieldMapping.variants({ product: 'nosuch', service: 'x' })).toBeUndefined();
  });
});
