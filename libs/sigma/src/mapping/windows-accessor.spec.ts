import { windowsAccessor } from './windows-accessor';
import { firstEvent } from './testing/corpora';

const EVTX = 'logs/evtx-to-mitre-attack';
const NET_USE_4688 = `${EVTX}/TA0008-Lateral Movement/T1021.002-SMB Windows Admin Shares/ID4688-4648 Lateral movement with net use.ndjson`;
const LOG_CLEARED = `${EVTX}/TA0008-Lateral Movement/T1550-Use Alternate Authentication Material/ID4624-Mimikatz Pass the hash.ndjson`;
const SQL_33205 = `${EVTX}/TA0001-Initial access/T1078-Valid accounts/ID33205-SQL Server failed login with disabled SA account.ndjson`;
const DNS_6004 = `${EVTX}/TA0007-Discovery/T1016-System Network Configuration Discovery/ID6004-DNS-server-failed zone transfer.ndjson`;
const PS_CLASSIC = `${EVTX}/TA0007-Discovery/T1069-Permission Groups Discovery/ID800-4103-4104-Domain group discovery via PowerShell.ndjson`;
const OTRF_MSHTA = 'logs/otrf-security-datasets/atomic/windows/defense_evasion/host/cmd_mshta_vbscript_execute_psh_2020-10-2202580804.json';

type Obj = Record<string, unknown>;
const sys = (e: Obj) => (e['Event'] as Obj)['System'] as Obj;
const get = (field: string, e: Obj) => windowsAccessor(field)(e);

/** The same event as Winlogbeat ships it (event_id as a string, EventData under winlog.event_data). */
function asWinlogbeat(evtx: Obj): Obj {
  const ev = evtx['Event'] as Obj;
  const s = ev['System'] as Obj;
  const provider = (s['Provider'] as Obj)['#attributes'] as Obj;
  return {
    '@timestamp': ((s['TimeCreated'] as Obj)['#attributes'] as Obj)['SystemTime'],
    event: { code: String(s['EventID']), provider: provider['Name'] },
    winlog: {
      event_id: String(s['EventID']),
      channel: s['Channel'],
      computer_name: s['Computer'],
      provider_name: provider['Name'],
      record_id: s['EventRecordID'],
      event_data: ev['EventData'],
    },
  };
}

describe('windowsAccessor on evtx_dump events', () => {
  const e = firstEvent(NET_USE_4688, (x) => sys(x)['EventID'] === 4688);

  it('reads System fields with their natural type and EventData fields by name', () => {
    expect(get('EventID', e)).toBe(4688);
    expect(get('Channel', e)).toBe('Security');
    expect(get('Computer', e)).toBe('FS03.offsec.lan');
    expect(get('Provider_Name', e)).toBe('Microsoft-Windows-Security-Auditing');
    expect(get('NewProcessName', e)).toBe('C:\\Windows\\System32\\net.exe');
    expect(get('CommandLine', e)).toContain('net  use m:');
    expect(get('Image', e)).toBeUndefined();
  });

  it('unwraps an EventID written as {#attributes, #text}', () => {
    const sql = firstEvent(SQL_33205, () => true);
    expect(sys(sql)['EventID']).toEqual(expect.objectContaining({ '#text': 33205 }));
    expect(get('EventID', sql)).toBe(33205);
    expect(get('Channel', sql)).toBe('Application');
  });

  it('reads the payload of UserData (log cleared, 1102)', () => {
    const cleared = firstEvent(LOG_CLEARED, (x) => sys(x)['EventID'] === 1102);
    expect(get('SubjectUserName', cleared)).toBe('admmig');
    expect(get('EventID', cleared)).toBe(1102);
  });

  it('reads named <Data> elements left as {#attributes:{Name}, #text}', () => {
    const dns = firstEvent(DNS_6004, (x) => sys(x)['EventID'] === 6004);
    expect(get('param1', dns)).toBe('10.23.23.9');
    expect(get('param2', dns)).toBe('non-existing.lan.');
  });

  it('gives unnamed Data of classic PowerShell as its text (any element may match when an array)', () => {
    const ps = firstEvent(PS_CLASSIC, (x) => sys(x)['Channel'] === 'Windows PowerShell');
    expect(get('EventID', ps)).toBe(800);
    expect(String(get('Data', ps))).toContain('HostApplication=C:\\Windows\\System32\\WindowsPowerShell');
  });

  it('falls back to the top level for dotted and unknown names, and never reads inherited keys', () => {
    expect(get('Event.System.Computer', e)).toBe('FS03.offsec.lan');
    expect(get('NoSuchField', e)).toBeUndefined();
    expect(get('constructor', e)).toBeUndefined();
    expect(get('toString', { EventID: 1 })).toBeUndefined();
  });
});

describe('windowsAccessor on flattened (NXLog) events', () => {
  const sysmon1 = firstEvent(OTRF_MSHTA, (x) => x['EventID'] === 1);
  const sec4688 = firstEvent(OTRF_MSHTA, (x) => x['EventID'] === 4688);

  it('reads fields at the top level, with SourceName/Hostname standing for Provider_Name/Computer', () => {
    expect(get('EventID', sysmon1)).toBe(1);
    expect(get('Channel', sysmon1)).toBe('Microsoft-Windows-Sysmon/Operational');
    expect(get('Image', sysmon1)).toBe('C:\\Windows\\System32\\mshta.exe');
    expect(get('OriginalFileName', sysmon1)).toBe('MSHTA.EXE');
    expect(get('Provider_Name', sysmon1)).toBe('Microsoft-Windows-Sysmon');
    expect(get('Computer', sysmon1)).toBe('WORKSTATION5');
    expect(get('NewProcessName', sec4688)).toBe('C:\\Windows\\System32\\mshta.exe');
  });
});

describe('windowsAccessor on Winlogbeat events', () => {
  const beat = asWinlogbeat(firstEvent(NET_USE_4688, (x) => sys(x)['EventID'] === 4688));

  it('reads winlog.* envelope fields and winlog.event_data', () => {
    expect(get('EventID', beat)).toBe('4688');
    expect(get('Channel', beat)).toBe('Security');
    expect(get('Computer', beat)).toBe('FS03.offsec.lan');
    expect(get('Provider_Name', beat)).toBe('Microsoft-Windows-Security-Auditing');
    expect(get('NewProcessName', beat)).toBe('C:\\Windows\\System32\\net.exe');
    expect(get('winlog.channel', beat)).toBe('Security');
    expect(get('Image', beat)).toBeUndefined();
  });
});
