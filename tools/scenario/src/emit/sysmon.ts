import type { Build } from '../draft';
import { guidUpper, hex0x, sysmonUtc } from '../format';
import { Rng } from '../rng';
import type { Host } from '../world/types';
import { imageHashes, type ImageMeta } from './images';
import { winEvent } from './windows';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational' as const;

/** A process as Sysmon describes it; parents and children refer to each other by guid/pid. */
export interface Proc {
  meta: ImageMeta;
  image: string;
  pid: number;
  guid: string;
  commandLine: string;
  /** DOMAIN\user or NT AUTHORITY\SYSTEM. */
  user: string;
  logonId: number;
  logonGuid: string;
  integrity: 'Low' | 'Medium' | 'High' | 'System';
  cwd: string;
  session: number;
}

/** Deterministic Sysmon-style GUID for anything keyed on this host (process, logon). */
export function hostGuid(host: Host, key: string): string {
  const r = Rng.of(host.name, key);
  return guidUpper(host.guidPrefix + r.hex(24));
}

/** Deterministic Windows pid (a multiple of 4) for a key. */
export function pidFor(key: string): number {
  return 4 * Rng.of('pid', key).int(200, 4000);
}

/** Builds a process record; the same key always yields the same pid and guid. */
export function makeProc(host: Host, key: string, p: Omit<Proc, 'pid' | 'guid'>): Proc {
  return { ...p, pid: pidFor(`${host.name}:${key}`), guid: hostGuid(host, `proc:${key}`) };
}

/** Sysmon 1: process creation. */
export function sysmon1(host: Host, time: number, child: Proc, parent: Proc, ruleName = '-'): Build {
  return winEvent(time, {
    host, channel: SYSMON, eventId: 1, userSid: 'S-1-5-18',
    data: {
      RuleName: ruleName, UtcTime: sysmonUtc(time), ProcessGuid: child.guid, ProcessId: child.pid, Image: child.image,
      FileVersion: child.meta.fileVersion, Description: child.meta.description, Product: child.meta.product,
      Company: child.meta.company, OriginalFileName: child.meta.originalFileName, CommandLine: child.commandLine,
      CurrentDirectory: child.cwd, User: child.user, LogonGuid: child.logonGuid, LogonId: hex0x(child.logonId),
      TerminalSessionId: child.session, IntegrityLevel: child.integrity, Hashes: imageHashes(child.image),
      ParentProcessGuid: parent.guid, ParentProcessId: parent.pid, ParentImage: parent.image,
      ParentCommandLine: parent.commandLine, ParentUser: parent.user,
    },
  });
}

/** Endpoints of a network connection Sysmon 3 reports. */
export interface Conn {
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  dstHost: string;
  protocol: 'tcp' | 'udp';
}

const PORT_NAMES: Record<number, string> = { 443: 'https', 80: 'http', 445: 'microsoft-ds', 53: 'domain', 135: 'epmap', 88: 'kerberos', 389: 'ldap', 1433: 'ms-sql-s' };

/** Sysmon 3: network connection. */
export function sysmon3(host: Host, time: number, proc: Proc, c: Conn): Build {
  return winEvent(time, {
    host, channel: SYSMON, eventId: 3, userSid: 'S-1-5-18',
    data: {
      RuleName: '-', UtcTime: sysmonUtc(time), ProcessGuid: proc.guid, ProcessId: proc.pid, Image: proc.image, User: proc.user,
      Protocol: c.protocol, Initiated: true, SourceIsIpv6: false, SourceIp: c.srcIp, SourceHostname: host.fqdn,
      SourcePort: c.srcPort, SourcePortName: '-', DestinationIsIpv6: false, DestinationIp: c.dstIp,
      DestinationHostname: c.dstHost, DestinationPort: c.dstPort, DestinationPortName: PORT_NAMES[c.dstPort] ?? '-',
    },
  });
}

/** Sysmon 11: file created. */
export function sysmon11(host: Host, time: number, proc: Proc, target: string): Build {
  return winEvent(time, {
    host, channel: SYSMON, eventId: 11, userSid: 'S-1-5-18',
    data: { RuleName: '-', UtcTime: sysmonUtc(time), ProcessGuid: proc.guid, ProcessId: proc.pid, Image: proc.image, TargetFilename: target, CreationUtcTime: sysmonUtc(time), User: proc.user },
  });
}

/** Sysmon 22: DNS query; `results` as Sysmon joins them (`::ffff:1.2.3.4;`). */
export function sysmon22(host: Host, time: number, proc: Proc, query: string, answers: readonly string[], status = '0'): Build {
  return winEvent(time, {
    host, channel: SYSMON, eventId: 22, userSid: 'S-1-5-18',
    data: {
      RuleName: '-', UtcTime: sysmonUtc(time), ProcessGuid: proc.guid, ProcessId: proc.pid, QueryName: query,
      QueryStatus: status, QueryResults: answers.map((a) => `::ffff:${a};`).join(''), Image: proc.image, User: proc.user,
    },
  });
}

/** Sysmon 10: process access (e.g. a tool opening lsass). */
export function sysmon10(host: Host, time: number, source: Proc, target: Proc, grantedAccess: string, callTrace: string): Build {
  return winEvent(time, {
    host, channel: SYSMON, eventId: 10, userSid: 'S-1-5-18',
    data: {
      RuleName: '-', UtcTime: sysmonUtc(time), SourceProcessGUID: source.guid, SourceProcessId: source.pid,
      SourceThreadId: source.pid + 12, SourceImage: source.image, TargetProcessGUID: target.guid, TargetProcessId: target.pid,
      TargetImage: target.image, GrantedAccess: grantedAccess, CallTrace: callTrace, SourceUser: source.user, TargetUser: target.user,
    },
  });
}
