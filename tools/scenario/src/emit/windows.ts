import type { Build, Sequencer } from '../draft';
import { hex0x, winSystemTime } from '../format';
import type { Host } from '../world/types';

/** Windows event channels the scenario writes. */
export type WinChannel = 'Security' | 'System' | 'Microsoft-Windows-Sysmon/Operational' | 'Microsoft-Windows-PowerShell/Operational';

interface ProviderMeta {
  provider: Record<string, string>;
  version: number;
  level: number;
  task: number;
  opcode: number;
  keywords: string;
}

const SECURITY_PROVIDER = { Name: 'Microsoft-Windows-Security-Auditing', Guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}' };
const SYSMON_PROVIDER = { Name: 'Microsoft-Windows-Sysmon', Guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}' };

/** Version/task per Security event id, as Windows 10/Server 2019 write them. */
const SECURITY_META: Record<number, [version: number, task: number]> = {
  4624: [2, 12544], 4625: [0, 12544], 4634: [0, 12545], 4647: [0, 12545], 4648: [0, 12544], 4672: [0, 12548],
  4688: [2, 13312], 4697: [0, 12289], 4768: [0, 14339], 4769: [0, 14337], 4776: [0, 14336],
};
const SYSMON_VERSION: Record<number, number> = { 1: 5, 3: 5, 10: 3, 11: 2, 22: 5 };

function meta(channel: WinChannel, eventId: number): ProviderMeta {
  if (channel === 'Security') {
    const [version, task] = SECURITY_META[eventId] ?? [0, 12544];
    const keywords = eventId === 4625 ? '0x8010000000000000' : '0x8020000000000000';
    return { provider: SECURITY_PROVIDER, version, level: 0, task, opcode: 0, keywords };
  }
  if (channel === 'Microsoft-Windows-Sysmon/Operational') {
    return { provider: SYSMON_PROVIDER, version: SYSMON_VERSION[eventId] ?? 2, level: 4, task: eventId, opcode: 0, keywords: '0x8000000000000000' };
  }
  if (channel === 'System') {
    const provider = { Name: 'Service Control Manager', Guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', EventSourceName: 'Service Control Manager' };
    return { provider, version: 0, level: 4, task: 0, opcode: 0, keywords: '0x8080000000000000' };
  }
  return { provider: { Name: 'Microsoft-Windows-PowerShell', Guid: '{a0c1853b-5c40-4b15-8766-3cf1c58f985a}' }, version: 1, level: 5, task: 2, opcode: 15, keywords: '0x0' };
}

/** What one Windows event needs besides its time. */
export interface WinEventSpec {
  host: Host;
  channel: WinChannel;
  eventId: number;
  data: Record<string, unknown>;
  /** SID in System.Security (Sysmon runs as SYSTEM; SCM/PowerShell as the caller). */
  userSid?: string;
  /** PowerShell 4104 with suspicious content is logged at Warning level. */
  level?: number;
}

function executionPid(spec: WinEventSpec): number {
  if (spec.channel === 'Security') return spec.host.pids.lsass;
  if (spec.channel === 'System') return spec.host.pids.scm;
  if (spec.channel === 'Microsoft-Windows-Sysmon/Operational') return spec.host.pids.sysmon;
  return 4 * ((spec.host.pids.sysmon * 7) % 3000);
}

/** Builds an event in the evtx_dump JSON layout: {"Event":{"System":{...},"EventData":{...}}}. */
export function winEvent(time: number, spec: WinEventSpec): Build {
  return (seq: Sequencer) => {
    const m = meta(spec.channel, spec.eventId);
    const eventId = spec.channel === 'System' ? { '#attributes': { Qualifiers: 16384 }, '#text': spec.eventId } : spec.eventId;
    return {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: {
          Provider: { '#attributes': m.provider },
          EventID: eventId,
          Version: m.version,
          Level: spec.level ?? m.level,
          Task: m.task,
          Opcode: m.opcode,
          Keywords: m.keywords,
          TimeCreated: { '#attributes': { SystemTime: winSystemTime(time, seq.jitter()) } },
          EventRecordID: seq.next(`win:${spec.host.name}:${spec.channel}`, 100_000 + (spec.host.pids.lsass % 97) * 1000),
          Correlation: null,
          Execution: { '#attributes': { ProcessID: executionPid(spec), ThreadID: 4 * (500 + seq.jitter()) } },
          Channel: spec.channel,
          Computer: spec.host.fqdn,
          Security: spec.userSid === undefined ? null : { '#attributes': { UserID: spec.userSid } },
        },
        EventData: spec.data,
      },
    };
  };
}

/** An account as Security events name it. */
export interface WinAccount {
  sid: string;
  name: string;
  domain: string;
}

/** The fields 4624 carries; defaults describe an interactive Kerberos logon. */
export interface LogonSpec {
  target: WinAccount;
  logonId: number;
  logonType: number;
  auth: 'Kerberos' | 'NTLM' | 'Negotiate';
  workstation: string;
  ip: string;
  port: number;
  logonGuid: string;
  processName: string;
  elevated: boolean;
}

const LOGON_PROCESS: Record<string, string> = { Kerberos: 'Kerberos', NTLM: 'NtLmSsp ', Negotiate: 'Negotiate' };

/** Security 4624 EventData with the full Windows 10 field set. */
export function logon4624(host: Host, s: LogonSpec): Record<string, unknown> {
  const network = s.logonType === 3;
  return {
    SubjectUserSid: network ? 'S-1-0-0' : 'S-1-5-18',
    SubjectUserName: network ? '-' : `${host.name}$`,
    SubjectDomainName: network ? '-' : s.target.domain,
    SubjectLogonId: network ? '0x0' : '0x3e7',
    TargetUserSid: s.target.sid,
    TargetUserName: s.target.name,
    TargetDomainName: s.target.domain,
    TargetLogonId: hex0x(s.logonId),
    LogonType: s.logonType,
    LogonProcessName: network ? LOGON_PROCESS[s.auth] : 'User32 ',
    AuthenticationPackageName: s.auth,
    WorkstationName: s.workstation,
    LogonGuid: s.auth === 'Kerberos' ? s.logonGuid : '{00000000-0000-0000-0000-000000000000}',
    TransmittedServices: '-',
    LmPackageName: s.auth === 'NTLM' ? 'NTLM V2' : '-',
    KeyLength: s.auth === 'NTLM' ? 128 : 0,
    ProcessId: network ? '0x0' : hex0x(host.pids.lsass + 100),
    ProcessName: network ? '-' : s.processName,
    IpAddress: s.ip,
    IpPort: String(s.port),
    ImpersonationLevel: '%%1833',
    RestrictedAdminMode: '-',
    TargetOutboundUserName: '-',
    TargetOutboundDomainName: '-',
    VirtualAccount: '%%1843',
    TargetLinkedLogonId: '0x0',
    ElevatedToken: s.elevated ? '%%1842' : '%%1843',
  };
}

/** Security 4634 EventData. */
export function logoff4634(target: WinAccount, logonId: number, logonType: number): Record<string, unknown> {
  return { TargetUserSid: target.sid, TargetUserName: target.name, TargetDomainName: target.domain, TargetLogonId: hex0x(logonId), LogonType: logonType };
}

const ADMIN_PRIVILEGES = [
  'SeSecurityPrivilege', 'SeTakeOwnershipPrivilege', 'SeLoadDriverPrivilege', 'SeBackupPrivilege', 'SeRestorePrivilege',
  'SeDebugPrivilege', 'SeSystemEnvironmentPrivilege', 'SeImpersonatePrivilege', 'SeDelegateSessionUserImpersonatePrivilege',
].join('\r\n\t\t\t');

/** Security 4672 EventData (special privileges assigned to a new logon). */
export function privileges4672(subject: WinAccount, logonId: number): Record<string, unknown> {
  return { SubjectUserSid: subject.sid, SubjectUserName: subject.name, SubjectDomainName: subject.domain, SubjectLogonId: hex0x(logonId), PrivilegeList: ADMIN_PRIVILEGES };
}

/** Security 4625 EventData (failed logon); status 0xc000006d with sub-status per reason. */
export function failed4625(host: Host, target: WinAccount, subStatus: string, logonType: number, ip: string): Record<string, unknown> {
  return {
    SubjectUserSid: 'S-1-5-18', SubjectUserName: `${host.name}$`, SubjectDomainName: target.domain, SubjectLogonId: '0x3e7',
    TargetUserSid: 'S-1-0-0', TargetUserName: target.name, TargetDomainName: target.domain,
    Status: '0xc000006d', FailureReason: '%%2313', SubStatus: subStatus, LogonType: logonType,
    LogonProcessName: 'User32 ', AuthenticationPackageName: 'Negotiate', WorkstationName: host.name,
    TransmittedServices: '-', LmPackageName: '-', KeyLength: 0, ProcessId: hex0x(host.pids.lsass + 100),
    ProcessName: 'C:\\Windows\\System32\\svchost.exe', IpAddress: ip, IpPort: '0',
  };
}
