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
      'host:ws-01.corp',
      'domain:corp',
      'domain:evil.example',
      'ip:10.0.0.5',
      'file_hash:abcdef',
      'access_key:akiaexample',
      'cloud_principal:arn:aws:iam::1:user/bob',
      'mailbox:x@proton.me',
    ]);
  });

  it('ignores Windows SIDs and events without observables', () => {
    expect(entitiesOf({ observables: [{ type_id: 31, name: 'user.uid', value: 'S-1-5-18' }] }, 'windows')).toEqual([]);
    expect(entitiesOf({}, 'windows')).toEqual([]);
  });
});
