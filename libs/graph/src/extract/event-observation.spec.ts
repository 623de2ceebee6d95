import { canonicalEntityValue } from '@soc/contracts';
import { mapperFor } from '@soc/ocsf';
import { iterateScenario } from '@soc/scenario';
import type { Observation } from '../observation';
import { eventObservation } from './event-observation';

type Ev = Record<string, unknown>;
interface Mapped {
  source: string;
  event: Ev;
  id: string;
}

/** A few hours of the scenario (benign traffic and every attack chain) through the real mappers. */
function scenarioEvents(): Mapped[] {
  const out: Mapped[] = [];
  let i = 0;
  for (const r of iterateScenario({ seed: 42, start: new Date(Date.UTC(2026, 0, 5)), hours: 4, users: 20, chains: 'all' })) {
    const id = `e-${i++}`;
    const res = mapperFor(r.source).map(r.record, { tenantId: 't', eventUid: id, receivedAt: r.time });
    if (res.ok) out.push({ source: r.source, event: res.event as Ev, id });
  }
  return out;
}

const at = (e: Ev, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (v as Ev | undefined)?.[k], e);
const lower = (v: unknown): string => String(v).toLowerCase();
const edgesOf = (o: Observation | undefined): string[] => (o?.edges ?? []).map((e) => `${e.from.type}:${e.from.value} ${e.rel} ${e.to.type}:${e.to.value}`);

describe('eventObservation on mapped scenario events', () => {
  let events: Mapped[];
  beforeAll(() => {
    events = scenarioEvents();
  }, 60_000);
  const find = (pred: (m: Mapped) => boolean): Mapped => {
    const m = events.find(pred);
    if (!m) throw new Error('no such event in the scenario');
    return m;
  };
  const observe = (m: Mapped) => eventObservation(m.event, m.source, m.id);

  it('Sysmon process launches: parent spawned child, child ran on the short host name, user executed it, image hashes', () => {
    const launches = events.filter((m) => m.source === 'windows' && m.event['class_uid'] === 1007 && m.event['activity_id'] === 1);
    expect(launches.length).toBeGreaterThan(10);
    for (const m of launches) {
      const proc = `process:${lower(at(m.event, 'process', 'name'))}`;
      const edges = edgesOf(observe(m));
      expect(edges).toContain(`process:${lower(at(m.event, 'process', 'parent_process', 'name'))} spawned ${proc}`);
      expect(edges).toContain(`${proc} ran_on host:${canonicalEntityValue('host', String(at(m.event, 'device', 'hostname')))}`);
      const user = at(m.event, 'process', 'user', 'name');
      if (typeof user === 'string') expect(edges).toContain(`user:${lower(user)} executed ${proc}`);
      const hashes = (at(m.event, 'process', 'file', 'hashes') as { value: string }[] | undefined) ?? [];
      expect(edges.filter((e) => e.startsWith(`${proc} has_hash file_hash:`)).sort()).toEqual(hashes.map((h) => `${proc} has_hash file_hash:${lower(h.value)}`).sort());
    }
    expect(edgesOf(observe(launches[0] as Mapped))).toContain('process:agentexecutor.exe spawned process:powershell.exe');
  });

  it('Sysmon process access: the attacker tool opened LSASS', () => {
    const m = find((x) => x.event['class_uid'] === 1007 && x.event['activity_id'] === 3);
    const edges = edgesOf(observe(m));
    expect(edges).toContain('process:pd64.exe opened process:lsass.exe');
    expect(edges).toContain(`process:lsass.exe ran_on host:${canonicalEntityValue('host', String(at(m.event, 'device', 'hostname')))}`);
  });

  it('Windows logons: user logged on to the (short-named) device and authenticated from the source address', () => {
    const m = find((x) => x.source === 'windows' && x.event['class_uid'] === 3002 && x.event['activity_id'] === 1 && at(x.event, 'src_endpoint', 'ip') !== undefined);
    const user = `user:${lower(at(m.event, 'user', 'name'))}`;
    expect(edgesOf(observe(m))).toEqual([`${user} logged_on host:kst-dc01`, `${user} authenticated_from ip:${String(at(m.event, 'src_endpoint', 'ip'))}`]);
    const logoff = find((x) => x.source === 'windows' && x.event['class_uid'] === 3002 && x.event['activity_id'] === 2);
    expect(observe(logoff)).toBeUndefined();
  });

  it('failed SSH logons are failures, not logons', () => {
    const m = find((x) => x.source === 'syslog' && x.event['class_uid'] === 3002 && x.event['status_id'] === 2);
    expect(edgesOf(observe(m))).toEqual([`user:${lower(at(m.event, 'user', 'name'))} logon_failed host:bastion-01`, `user:${lower(at(m.event, 'user', 'name'))} auth_failed_from ip:${String(at(m.event, 'src_endpoint', 'ip'))}`]);
  });

  it('CloudTrail: the principal (by ARN) called the operation from an address with a key; a key it created belongs to its user', () => {
    const get = find((x) => x.source === 'aws-cloudtrail' && at(x.event, 'api', 'operation') === 'GetObject' && at(x.event, 'actor', 'user', 'uid') === 'arn:aws:iam::204901713573:user/svc-reporting' && at(x.event, 'src_endpoint', 'ip') === '5.188.208.77');
    expect(edgesOf(observe(get))).toEqual([
      'cloud_principal:arn:aws:iam::204901713573:user/svc-reporting called api_operation:s3.amazonaws.com:getobject',
      'cloud_principal:arn:aws:iam::204901713573:user/svc-reporting called_from ip:5.188.208.77',
      'cloud_principal:arn:aws:iam::204901713573:user/svc-reporting used_key access_key:akia7gmuxliutypy6gn2',
    ]);
    const created = find((x) => x.source === 'aws-cloudtrail' && at(x.event, 'metadata', 'event_code') === 'CreateAccessKey');
    expect(edgesOf(observe(created))).toEqual([
      'cloud_principal:arn:aws:iam::204901713573:user/svc-reporting modified user:terraform',
      'user:terraform owns_key access_key:akiabxteqqymkx3hxkrh',
      'cloud_principal:arn:aws:iam::204901713573:user/svc-reporting used_key access_key:akia7gmuxliutypy6gn2',
      'cloud_principal:arn:aws:iam::204901713573:user/svc-reporting called_from ip:5.188.208.77',
    ]);
  });

  it('Entra: the victim consented to the attacker app; mailbox access names the mailbox', () => {
    const consent = find((x) => x.source === 'entra' && /consent/i.test(String(at(x.event, 'api', 'operation'))));
    const user = `user:${lower(at(consent.event, 'actor', 'user', 'name'))}`;
    const app = lower((at(consent.event, 'resources') as { name: string }[])[0]?.name);
    expect(edgesOf(observe(consent))).toContain(`${user} consented_to app:${app}`);
    const mail = find((x) => x.source === 'entra' && at(x.event, 'api', 'operation') === 'MailItemsAccessed');
    expect(edgesOf(observe(mail))).toContain('user:lena.oneill@kestrel-analytics.com accessed mailbox:lena.oneill@kestrel-analytics.com');
  });

  it('GitHub: the actor accessed the repository', () => {
    const m = find((x) => x.source === 'github-audit' && at(x.event, 'api', 'operation') === 'git.clone');
    expect(edgesOf(observe(m))).toContain(`user:${lower(at(m.event, 'actor', 'user', 'name'))} accessed repository:kestrel-analytics/infra-terraform`);
  });

  it('network: address to address, a DNS lookup and its answers, an HTTP request for a URL', () => {
    const dns = find((x) => x.source === 'zeek' && x.event['class_uid'] === 4003 && at(x.event, 'query', 'hostname') === 'cdn-update-services.com');
    expect(edgesOf(observe(dns))).toEqual(['ip:10.20.10.23 resolved domain:cdn-update-services.com', 'domain:cdn-update-services.com resolves_to ip:194.26.249.33']);
    const http = find((x) => x.source === 'zeek' && x.event['class_uid'] === 4002);
    const src = `ip:${String(at(http.event, 'src_endpoint', 'ip'))}`;
    expect(edgesOf(observe(http))).toEqual([`${src} connected_to ip:${String(at(http.event, 'dst_endpoint', 'ip'))}`, `${src} requested url:${lower(at(http.event, 'http_request', 'url', 'url_string'))}`]);
    const sysmon = find((x) => x.source === 'windows' && x.event['class_uid'] === 4001 && at(x.event, 'dst_endpoint', 'hostname') === 'cdn-update-services.com');
    expect(edgesOf(observe(sysmon))).toEqual(
      expect.arrayContaining(['process:powershell.exe connected_to ip:194.26.249.33', 'host:kst-ws-104 has_ip ip:10.20.10.23', 'domain:cdn-update-services.com resolves_to ip:194.26.249.33']),
    );
  });

  it('observations carry the event time and an event evidence ref', () => {
    const m = find((x) => x.event['class_uid'] === 1007);
    expect(observe(m)).toMatchObject({ time: m.event['time'], evidence: `event:${m.id}`, entities: [] });
  });
});

describe('eventObservation on hand-made events', () => {
  it('links an e-mail sender to each recipient', () => {
    const e = { class_uid: 4009, time: 5, email: { from: 'CEO@Example.com', to: ['a@example.com', 'CEO@example.com'], cc: ['b@example.com', 7] } };
    expect(edgesOf(eventObservation(e, 'm365', 'x'))).toEqual(['mailbox:ceo@example.com sent mailbox:a@example.com', 'mailbox:ceo@example.com sent mailbox:b@example.com']);
  });

  it('ignores malformed shapes and Windows placeholders instead of throwing', () => {
    const junk: Ev[] = [
      {},
      { class_uid: 3002, user: 'alice', device: ['x'] },
      { class_uid: 3002, activity_id: 1, user: { name: '-' }, device: { hostname: 'ws-1' } },
      { class_uid: 6003, actor: { user: { name: 'bob' } }, api: null, resources: 'nope' },
      { class_uid: 1007, activity_id: 1, process: { name: 7, file: { path: 'C:\\Windows\\cmd.exe', hashes: [null, { value: 3 }] } }, device: { hostname: 'WS-2.corp' } },
      { class_uid: 4003, query: { hostname: 'x.example' }, answers: [{ rdata: 'cname.example' }, 'junk'] },
    ];
    const out = junk.map((e) => edgesOf(eventObservation(e, 'windows', 'j')));
    expect(out).toEqual([[], [], [], [], ['process:cmd.exe ran_on host:ws-2'], []]);
  });
});
