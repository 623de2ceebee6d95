import { entitiesOf } from './entities';

describe('entitiesOf', () => {
  it('reads users, hosts, addresses, hashes, keys, principals and repositories from observables', () => {
    const event = {
      observables: [
        { type_id: 4, name: 'actor.user.name', value: 'Alice' },
        { type_id: 1, name: 'device.hostname', value: 'WS-01.corp' },
        { type_id: 1, name: 'device.domain', value: 'corp' },
        { type_id: 1, name: 'query.hostname', value: 'evil.example' },
        { type_id: 2, name: 'src_endpoint.ip', value: '10.0.0.5' },
        { type_id: 8, name: 'process.file.hashes.value', value: 'ABCDEF' },
        { type_id: 19, name: 'actor.user.credential_uid', value: 'AKIAEXAMPLE' },
        { type_id: 31, name: 'actor.user.uid', value: 'arn:aws:iam::1:user/bob' },
        { type_id: 5, name: 'api.request.data.parameters.ForwardTo', value: 'x@proton.me' },
        { type_id: 4, name: 'user.name', value: 'alice' },
      ],
    };
    expect(entitiesOf(event, 'aws-cloudtrail').map((e) => `${e.type}:${e.value}`)).toEqual([
      'user:alice',
      'host:ws-01',
      'domain:evil.example',
      'ip:10.0.0.5',
      'file_hash:abcdef',
      'access_key:akiaexample',
      'cloud_principal:arn:aws:iam::1:user/bob',
      'mailbox:x@proton.me',
    ]);
  });

  it('names a host by its short name and an address host by its address', () => {
    const obs = (value: string) => ({ observables: [{ type_id: 1, name: 'device.hostname', value }] });
    expect(entitiesOf(obs('KST-DEV-107.corp.kestrel-analytics.com'), 'windows')).toEqual(entitiesOf(obs('kst-dev-107'), 'windows').map((e) => ({ ...e })));
    expect(entitiesOf(obs('10.20.200.95'), 'auditd')[0]?.value).toBe('10.20.200.95');
  });

  it('ignores Windows SIDs and events without observables', () => {
    expect(entitiesOf({ observables: [{ type_id: 31, name: 'user.uid', value: 'S-1-5-18' }] }, 'windows')).toEqual([]);
    expect(entitiesOf({}, 'windows')).toEqual([]);
  });
});
