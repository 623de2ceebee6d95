import type { StoredEvent } from '@soc/eventstore';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const CLASSES = [3002, 1007, 4001, 4003, 2004];

/** A ~1.5 KB OCSF-shaped event; `i` drives every varying field so runs are reproducible. */
export function sampleEvent(tenantId: string, i: number, baseTime: number): StoredEvent {
  const classUid = CLASSES[i % CLASSES.length] ?? 4001;
  const time = baseTime + i * 5;
  const user = USERS[i % USERS.length] ?? 'alice';
  const id = `ev-${tenantId}-${i.toString(16).padStart(10, '0')}`;
  const src = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const event = {
    class_uid: classUid, category_uid: Math.floor(classUid / 1000), activity_id: 1 + (i % 4), type_uid: classUid * 100 + 1 + (i % 4),
    severity_id: i % 6, status_id: 1, time, start_time: time - 1000, end_time: time,
    metadata: { uid: id, version: '1.8.0', log_name: 'Security', product: { name: 'Sysmon', vendor_name: 'Microsoft', version: '15.0' }, original_time: new Date(time).toISOString() },
    actor: { user: { name: user, uid: `S-1-5-21-3623811015-3361044348-30300820-${1000 + (i % 50)}`, domain: 'CORP' }, process: { name: 'svchost.exe', pid: 700 + (i % 300) } },
    device: { hostname: `wks-${(i % 500).toString().padStart(4, '0')}.corp.example.com`, ip: src, os: { name: 'Windows 11', type_id: 100 } },
    src_endpoint: { ip: src, port: 49152 + (i % 16000), hostname: `wks-${i % 500}` },
    dst_endpoint: { ip: `203.0.113.${i % 254}`, port: [443, 80, 22, 3389, 53][i % 5], hostname: 'updates.vendor.example' },
    connection_info: { protocol_name: 'tcp', direction_id: 2, uid: `C${i.toString(36)}x9` },
    traffic: { bytes_in: (i * 37) % 100000, bytes_out: (i * 91) % 50000, packets_in: i % 900, packets_out: i % 400 },
    process: { name: 'powershell.exe', pid: 4000 + (i % 1000), cmd_line: `powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\scripts\\job-${i % 97}.ps1`, file: { path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', hashes: [{ algorithm_id: 3, value: `${(i * 2654435761) >>> 0}`.padStart(64, 'a') }] } },
    observables: [
      { type_id: 2, name: 'src_endpoint.ip', value: src },
      { type_id: 4, name: 'actor.user.name', value: user },
      { type_id: 1, name: 'device.hostname', value: `wks-${i % 500}` },
    ],
    message: `Network connection detected: ${user} from ${src} to 203.0.113.${i % 254}`,
    unmapped: { RuleName: 'technique_id=T1059.001,technique_name=PowerShell', EventRecordID: String(100000 + i) },
  };
  return { id, tenantId, time, classUid, source: 'sysmon', event };
}
