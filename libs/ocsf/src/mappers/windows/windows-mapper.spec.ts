import { validateOcsf } from '../../validate';
import { windowsMapper } from './windows-mapper';

const CTX = { tenantId: 'tenant-a', eventUid: 'evt-1', receivedAt: 1_000 };

function evtx(system: Record<string, unknown>, eventData: Record<string, unknown>) {
  return {
    Event: {
      System: { Provider: { '#attributes': { Name: system['provider'] } }, EventID: system['id'], Level: system['level'] ?? 0, TimeCreated: { '#attributes': { SystemTime: system['time'] } }, EventRecordID: 90907, Channel: system['channel'], Computer: system['computer'] },
      EventData: eventData,
    },
  };
}

type Json = Record<string, Record<string, unknown> | undefined>;

function mapOk(record: unknown): Json {
  const res = windowsMapper.map(record, CTX);
  if (!res.ok) throw new Error(res.reason);
  expect(validateOcsf(res.event)).toEqual({ valid: true });
  const event = res.event as Json;
  expect(event['unmapped']?.['soc_mapping_errors']).toBeUndefined();
  return event;
}

const SEC = { provider: 'Microsoft-Windows-Security-Auditing', channel: 'Security', computer: 'FS03.offsec.lan' };

describe('windowsMapper: Security', () => {
  it('4625 (evtx) -> Authentication Logon failure with status detail, logon type and source', () => {
    const e = mapOk(evtx({ ...SEC, id: 4625, time: '2021-10-23T21:50:11.666519Z' }, {
      SubjectUserSid: 'S-1-5-18', SubjectUserName: 'FS03$', SubjectDomainName: 'OFFSEC', SubjectLogonId: '0x3e7',
      TargetUserSid: 'S-1-0-0', TargetUserName: 'bob', TargetDomainName: 'OFFSEC', Status: '0xc000006d', SubStatus: '0xc000006a',
      LogonType: 10, LogonProcessName: 'User32', AuthenticationPackageName: 'Negotiate', ProcessId: '0x1310',
      ProcessName: 'C:\\Windows\\System32\\winlogon.exe', IpAddress: '10.23.23.9', IpPort: '0',
    }));
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, type_uid: 300201, time: Date.UTC(2021, 9, 23, 21, 50, 11, 666),
      status_id: 2, status: 'Failure', status_code: '0xc000006a', status_detail: 'INVALID_CREDENTIALS',
      logon_type_id: 10, is_remote: true, auth_protocol_id: 99, auth_protocol: 'Negotiate',
      user: { name: 'bob', domain: 'OFFSEC' },
      actor: { user: { name: 'FS03$', uid: 'S-1-5-18', type_id: 3 }, process: { pid: 4880, name: 'winlogon.exe' } },
      src_endpoint: { ip: '10.23.23.9', port: 0 },
      dst_endpoint: { hostname: 'FS03.offsec.lan' },
      metadata: { version: '1.8.0', uid: 'evt-1', log_name: 'Security', event_code: '4625', original_event_uid: '90907', product: { name: 'Windows Event Log', vendor_name: 'Microsoft' } },
      unmapped: { LogonType: 10, SubStatus: '0xc000006a', EventID: 4625, Channel: 'Security' },
    });
    expect(e['observables']).toEqual(expect.arrayContaining([{ name: 'src_endpoint.ip', type_id: 2, type: 'IP Address', value: '10.23.23.9' }, { name: 'user.name', type_id: 4, type: 'User Name', value: 'bob' }]));
    expect(JSON.parse(e['raw_data'] as unknown as string)).toMatchObject({ Event: { System: { EventID: 4625 } } });
  });

  it('4624 (NXLog) -> Authentication Logon success, Kerberos, network logon, session', () => {
    const e = mapOk({
      '@timestamp': '2020-10-12T22:32:52.985Z', EventTime: '2020-10-12 18:32:50', Channel: 'Security', EventID: 4624, Hostname: 'MORDORDC.theshire.local',
      SourceName: 'Microsoft-Windows-Security-Auditing', SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', TargetUserSid: 'S-1-5-18', TargetUserName: 'MORDORDC$',
      TargetDomainName: 'THESHIRE.LOCAL', TargetLogonId: '0x58d5e0', LogonType: '3', IpAddress: '::1', IpPort: '61026', AuthenticationPackageName: 'Kerberos',
      LogonGuid: '{e47dc43d-b81d-c7e5-4703-edf79a82e62b}', ProcessId: '0x0', ProcessName: '-', Message: 'An account was successfully logged on.',
    });
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, status_id: 1, logon_type_id: 3, is_remote: true, auth_protocol_id: 2, auth_protocol: 'Kerberos',
      time: Date.UTC(2020, 9, 12, 22, 32, 52, 985), message: 'An account was successfully logged on.',
      user: { name: 'MORDORDC$', uid: 'S-1-5-18', domain: 'THESHIRE.LOCAL' },
      session: { uid: '0x58d5e0', uuid: 'e47dc43d-b81d-c7e5-4703-edf79a82e62b' },
      src_endpoint: { ip: '::1', port: 61026 }, metadata: { log_format: 'nxlog' },
    });
    expect(e['actor']?.['user']).toBeUndefined();
  });

  it('4688 (evtx) -> Process Activity Launch with hex pids, command line and target user', () => {
    const e = mapOk(evtx({ ...SEC, id: 4688, time: '2021-10-20T13:39:17.331119Z' }, {
      SubjectUserSid: 'S-1-5-18', SubjectUserName: 'FS03$', SubjectDomainName: 'OFFSEC', SubjectLogonId: '0x3e7', NewProcessId: '0xe74',
      NewProcessName: 'C:\\Windows\\System32\\cmd.exe', TokenElevationType: '%%1936', ProcessId: '0x46c', CommandLine: 'cmd.exe',
      TargetUserSid: 'S-1-0-0', TargetUserName: 'admmig', TargetDomainName: 'OFFSEC', TargetLogonId: '0x266e045',
    }));
    expect(e).toMatchObject({
      class_uid: 1007, activity_id: 1, type_uid: 100701,
      process: { pid: 3700, name: 'cmd.exe', cmd_line: 'cmd.exe', file: { path: 'C:\\Windows\\System32\\cmd.exe', name: 'cmd.exe' }, user: { name: 'admmig', domain: 'OFFSEC' }, parent_process: { pid: 1132 } },
      actor: { user: { name: 'FS03$' }, process: { pid: 1132 } },
      device: { hostname: 'FS03.offsec.lan', name: 'FS03', domain: 'offsec.lan', os: { name: 'Windows', type_id: 100 } },
      unmapped: { TokenElevationType: '%%1936', NewProcessName: 'C:\\Windows\\System32\\cmd.exe' },
    });
  });

  it('4728 -> Group Management Add User; 4720 -> Account Change Create', () => {
    const g = mapOk(evtx({ ...SEC, id: 4728, time: '2021-10-20T13:39:17Z' }, { MemberName: 'CN=bob,CN=Users,DC=offsec,DC=lan', MemberSid: 'S-1-5-21-1-2-3-1105', TargetUserName: 'Domain Admins', TargetDomainName: 'OFFSEC', TargetSid: 'S-1-5-21-1-2-3-512', SubjectUserSid: 'S-1-5-21-1-2-3-500', SubjectUserName: 'admin', SubjectDomainName: 'OFFSEC' }));
    expect(g).toMatchObject({ class_uid: 3006, activity_id: 3, group: { name: 'Domain Admins', uid: 'S-1-5-21-1-2-3-512' }, user: { uid: 'S-1-5-21-1-2-3-1105' }, actor: { user: { name: 'admin' } } });
    const a = mapOk(evtx({ ...SEC, id: 4720, time: '2021-10-20T13:39:17Z' }, { TargetUserName: 'eve', TargetDomainName: 'OFFSEC', TargetSid: 'S-1-5-21-1-2-3-1200', SubjectUserName: 'admin', SubjectUserSid: 'S-1-5-21-1-2-3-500' }));
    expect(a).toMatchObject({ class_uid: 3001, activity_id: 1, user: { name: 'eve', uid: 'S-1-5-21-1-2-3-1200' } });
  });

  it('4768 -> Authentication Ticket with Kerberos status; 5156 (NXLog) -> Network Activity Open', () => {
    const k = mapOk(evtx({ ...SEC, id: 4768, time: '2021-10-20T13:39:17Z' }, { TargetUserName: 'bob', TargetDomainName: 'OFFSEC', ServiceName: 'krbtgt', Status: '0x6', IpAddress: '::ffff:10.23.23.9', IpPort: '50123' }));
    expect(k).toMatchObject({ class_uid: 3002, activity_id: 3, status_id: 2, status_detail: 'USER_DOES_NOT_EXIST', service: { name: 'krbtgt' }, src_endpoint: { ip: '10.23.23.9', port: 50123 }, auth_protocol_id: 2 });
    const n = mapOk({ TimeCreated: '2020-10-18 10:56:18.799', Direction: '%%14593', SourceName: 'Microsoft-Windows-Security-Auditing', DestAddress: '168.63.129.16', SourcePort: '56628', SourceAddress: '192.168.2.5', EventID: 5156, Channel: 'Security', Protocol: '6', Hostname: 'WORKSTATION5', ProcessID: '3428', DestPort: '80', Application: '\\device\\harddiskvolume2\\guestagent\\windowsazureguestagent.exe' });
    expect(n).toMatchObject({ class_uid: 4001, activity_id: 1, action_id: 1, src_endpoint: { ip: '192.168.2.5', port: 56628 }, dst_endpoint: { ip: '168.63.129.16', port: 80 }, connection_info: { direction_id: 2, protocol_num: 6 }, actor: { process: { pid: 3428, name: 'windowsazureguestagent.exe' } } });
  });
});

const SYSMON = { provider: 'Microsoft-Windows-Sysmon', channel: 'Microsoft-Windows-Sysmon/Operational', computer: 'fs03vuln.offsec.lan', level: 4 };

describe('windowsMapper: Sysmon', () => {
  it('1 (NXLog) -> Process Activity Launch with hashes, parent, integrity and working directory', () => {
    const e = mapOk({
      CommandLine: 'Outflank-Dumpert.exe', User: 'WORKSTATION5\\wardog', ParentProcessId: '3080', Channel: 'Microsoft-Windows-Sysmon/Operational', IntegrityLevel: 'High',
      ProcessGuid: '{39e4a257-004e-5f8d-4304-000000000700}', CurrentDirectory: 'C:\\Users\\wardog\\Desktop\\',
      Hashes: 'SHA1=98B13ABB701577AC88E360D702BB89160B50E378,MD5=C78D58386504CAF3437EED37FBFF77B5', UtcTime: '2020-10-19 02:56:14.283',
      SourceName: 'Microsoft-Windows-Sysmon', ParentCommandLine: '"C:\\windows\\system32\\cmd.exe" ', ProcessId: '6772', ParentImage: 'C:\\Windows\\System32\\cmd.exe',
      ParentProcessGuid: '{39e4a257-ff60-5f8c-2f04-000000000700}', Image: 'C:\\Users\\wardog\\Desktop\\Outflank-Dumpert.exe', Hostname: 'WORKSTATION5', LogonId: '0xc61d9', EventID: 1,
    });
    expect(e).toMatchObject({
      class_uid: 1007, activity_id: 1, time: Date.UTC(2020, 9, 19, 2, 56, 14, 283), metadata: { product: { name: 'Sysmon' }, event_code: '1' },
      process: {
        pid: 6772, uid: '39e4a257-004e-5f8d-4304-000000000700', name: 'Outflank-Dumpert.exe', cmd_line: 'Outflank-Dumpert.exe', integrity_id: 4, integrity: 'High',
        working_directory: 'C:\\Users\\wardog\\Desktop\\', user: { name: 'wardog', domain: 'WORKSTATION5' }, session: { uid: '0xc61d9' },
        file: { hashes: [{ algorithm_id: 2, value: '98B13ABB701577AC88E360D702BB89160B50E378' }, { algorithm_id: 1, value: 'C78D58386504CAF3437EED37FBFF77B5' }] },
        parent_process: { pid: 3080, name: 'cmd.exe', cmd_line: '"C:\\windows\\system32\\cmd.exe"' },
      },
      actor: { process: { pid: 3080 } },
      unmapped: { Image: 'C:\\Users\\wardog\\Desktop\\Outflank-Dumpert.exe', IntegrityLevel: 'High' },
    });
  });

  it('22 (evtx) -> DNS Activity Query with answers', () => {
    const e = mapOk(evtx({ ...SYSMON, id: 22, time: '2021-12-04T21:19:17.757697Z' }, { UtcTime: '2021-12-04 21:19:10.604', ProcessGuid: 'A57649D1-DB54-61AB-775C-DC0100000000', ProcessId: 2124, QueryName: 'fs03vuln', QueryStatus: '0', QueryResults: '10.23.42.38;', Image: 'C:\\TOOLS\\PsExec64.exe' }));
    expect(e).toMatchObject({ class_uid: 4003, activity_id: 1, query: { hostname: 'fs03vuln' }, answers: [{ rdata: '10.23.42.38' }], actor: { process: { pid: 2124, name: 'PsExec64.exe' } } });
  });

  it('13 -> Registry Value Set; 12 DeleteKey -> Registry Key Delete; 7 -> Module Load; 3 -> Network Open; 11 -> File Create', () => {
    const base = { ProcessGuid: '{a}', ProcessId: 10, Image: 'C:\\x.exe', UtcTime: '2021-12-04 21:19:10.604' };
    expect(mapOk(evtx({ ...SYSMON, id: 13, time: '2021-12-04T21:19:17Z' }, { ...base, EventType: 'SetValue', TargetObject: 'HKLM\\SOFTWARE\\Run\\evil', Details: 'C:\\evil.exe' })))
      .toMatchObject({ class_uid: 201002, activity_id: 2, reg_value: { path: 'HKLM\\SOFTWARE\\Run\\evil', name: 'evil', data: 'C:\\evil.exe' } });
    expect(mapOk(evtx({ ...SYSMON, id: 12, time: '2021-12-04T21:19:17Z' }, { ...base, EventType: 'DeleteKey', TargetObject: 'HKLM\\SOFTWARE\\K' })))
      .toMatchObject({ class_uid: 201001, activity_id: 4, reg_key: { path: 'HKLM\\SOFTWARE\\K' } });
    expect(mapOk(evtx({ ...SYSMON, id: 7, time: '2021-12-04T21:19:17Z' }, { ...base, ImageLoaded: 'C:\\Windows\\System32\\dbghelp.dll', Hashes: 'MD5=AA' })))
      .toMatchObject({ class_uid: 1005, activity_id: 1, module: { load_type_id: 1, file: { name: 'dbghelp.dll', hashes: [{ algorithm_id: 1, value: 'AA' }] } } });
    expect(mapOk(evtx({ ...SYSMON, id: 3, time: '2021-12-04T21:19:17Z' }, { ...base, Protocol: 'tcp', Initiated: 'true', SourceIp: '10.0.0.1', SourcePort: '5000', DestinationIp: '10.0.0.2', DestinationPort: '445' })))
      .toMatchObject({ class_uid: 4001, activity_id: 1, connection_info: { direction_id: 2, protocol_num: 6 }, dst_endpoint: { ip: '10.0.0.2', port: 445 } });
    expect(mapOk(evtx({ ...SYSMON, id: 11, time: '2021-12-04T21:19:17Z' }, { ...base, TargetFilename: 'C:\\Temp\\a.ps1' })))
      .toMatchObject({ class_uid: 1001, activity_id: 1, file: { name: 'a.ps1', path: 'C:\\Temp\\a.ps1', parent_folder: 'C:\\Temp' } });
    expect(mapOk(evtx({ ...SYSMON, id: 10, time: '2021-12-04T21:19:17Z' }, { SourceProcessId: 1, SourceImage: 'C:\\m.exe', TargetProcessId: 700, TargetImage: 'C:\\Windows\\System32\\lsass.exe', GrantedAccess: '0x1010' })))
      .toMatchObject({ class_uid: 1007, activity_id: 3, process: { pid: 700, name: 'lsass.exe' }, actor: { process: { pid: 1 } }, unmapped: { GrantedAccess: '0x1010' } });
  });
});

describe('windowsMapper: other layouts and events', () => {
  it('Winlogbeat layout is recognised', () => {
    const e = mapOk({ '@timestamp': '2023-01-02T03:04:05.000Z', message: 'x', winlog: { event_id: '4634', channel: 'Security', computer_name: 'ws1', provider_name: 'Microsoft-Windows-Security-Auditing', event_data: { TargetUserName: 'bob', TargetUserSid: 'S-1-5-21-9', TargetLogonId: '0x1', LogonType: '2' } } });
    expect(e).toMatchObject({ class_uid: 3002, activity_id: 2, time: Date.UTC(2023, 0, 2, 3, 4, 5), user: { name: 'bob' }, session: { uid: '0x1' }, logon_type_id: 2, metadata: { log_format: 'winlogbeat' } });
  });

  it('unknown Windows events become a valid Base Event with everything in unmapped', () => {
    const e = mapOk({ Event: { System: { EventID: { '#attributes': { Qualifiers: 0 }, '#text': 7045 }, Channel: 'System', Computer: 'h1', TimeCreated: { '#attributes': { SystemTime: '2021-01-01T00:00:00Z' } } }, EventData: { ServiceName: 'evil', ImagePath: 'C:\\evil.exe' } } });
    expect(e).toMatchObject({ class_uid: 0, category_uid: 0, activity_id: 99, activity_name: 'System 7045', type_uid: 99, device: { hostname: 'h1' }, unmapped: { ServiceName: 'evil', ImagePath: 'C:\\evil.exe', EventID: 7045, Channel: 'System' } });
  });

  it('UserData events are flattened; time falls back to receivedAt', () => {
    const e = mapOk({ Event: { System: { EventID: 1102, Channel: 'Security', Computer: 'FS03' }, UserData: { LogFileCleared: { '#attributes': { xmlns: 'x' }, SubjectUserName: 'admmig' } } } });
    expect(e).toMatchObject({ class_uid: 0, time: 1_000, unmapped: { SubjectUserName: 'admmig' } });
  });

  it('a class mapping that fails the schema degrades to a valid Base Event with the reasons and every field', () => {
    // Sysmon 3 without any address, host or port: Network Activity needs an endpoint.
    const record = { Event: { System: { EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws1', EventRecordID: 7, TimeCreated: { '#attributes': { SystemTime: '2021-01-01T00:00:00Z' } } }, EventData: { Image: 'C:\\x.exe', ProcessId: '12', Protocol: 'tcp', Empty: null } } };
    const res = windowsMapper.map(record, CTX);
    if (!res.ok) throw new Error(res.reason);
    expect(validateOcsf(res.event)).toEqual({ valid: true });
    const unmapped = res.event['unmapped'] as Record<string, unknown>;
    expect(res.event).toMatchObject({ class_uid: 0, activity_id: 99, activity_name: 'Microsoft-Windows-Sysmon/Operational 3', device: { hostname: 'ws1' } });
    expect(unmapped).toMatchObject({ Image: 'C:\\x.exe', ProcessId: '12', Protocol: 'tcp', EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws1', EventRecordID: '7' });
    expect(unmapped).not.toHaveProperty('Empty');
    expect((unmapped['soc_mapping_errors'] as string[]).join()).toContain('src_endpoint');
    expect(Object.keys(unmapped).slice(-1)).toEqual(['soc_mapping_errors']);
  });

  it('flat and nested EventData give the same bag in field order; the input record is left as it was', () => {
    const system = { EventID: 7045, Channel: 'System', Computer: 'h1', EventRecordID: 9 };
    const flat = { Event: { System: system, EventData: { ServiceName: 'evil', StartType: 3, Auto: true } } };
    const text = JSON.stringify(flat);
    const fromFlat = mapOk(flat)['unmapped'];
    expect(JSON.stringify(flat)).toBe(text);
    expect(Object.keys(fromFlat ?? {})).toEqual(['ServiceName', 'StartType', 'Auto', 'EventID', 'Channel', 'Computer', 'EventRecordID']);
    // Null values and evtx_dump attribute wrappers take the general flattening path, same result.
    const nested = { Event: { System: system, EventData: { '#attributes': { Name: 'x' }, ServiceName: { '#text': 'evil' }, Gone: null, StartType: 3, Auto: true } } };
    expect(mapOk(nested)['unmapped']).toEqual(fromFlat);
    // A `__proto__` field from JSON.parse is not copied as an own key.
    const proto = JSON.parse('{"Event":{"System":{"EventID":7045,"Channel":"System","Computer":"h1","EventRecordID":9},"EventData":{"ServiceName":"evil","__proto__":"p","StartType":3,"Auto":true}}}') as unknown;
    expect(JSON.stringify(mapOk(proto)['unmapped'])).toBe(JSON.stringify(fromFlat));
  });

  it('rejects what is not a Windows event', () => {
    expect(windowsMapper.map({ eventName: 'ConsoleLogin' }, CTX)).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE' });
    expect(windowsMapper.map('text', CTX)).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE' });
  });
});
