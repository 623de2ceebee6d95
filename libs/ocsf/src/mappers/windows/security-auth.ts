import { buildNetworkEndpoint } from '../../build/endpoint';
import { buildProcess } from '../../build/process';
import { STATUS, buildStatus } from '../../build/status';
import { buildUser } from '../../build/user';
import { deviceOf, field, userFromTrio } from './fields';
import type { Handler, Mapped } from './handler';
import type { WinRecord } from './record';

/** NTSTATUS codes of failed logons (4625/4776 Status/SubStatus) to OCSF's suggested details. */
const NTSTATUS_DETAIL: Record<string, string> = {
  '0xc0000064': 'USER_DOES_NOT_EXIST',
  '0xc000006a': 'INVALID_CREDENTIALS',
  '0xc000006d': 'INVALID_CREDENTIALS',
  '0xc000006e': 'ACCOUNT_RESTRICTION',
  '0xc000006f': 'LOGON_OUTSIDE_ALLOWED_HOURS',
  '0xc0000070': 'WORKSTATION_RESTRICTION',
  '0xc0000071': 'PASSWORD_EXPIRED',
  '0xc0000072': 'ACCOUNT_DISABLED',
  '0xc0000133': 'CLOCK_SKEW',
  '0xc000015b': 'LOGON_TYPE_NOT_GRANTED',
  '0xc0000193': 'ACCOUNT_EXPIRED',
  '0xc0000224': 'PASSWORD_MUST_CHANGE',
  '0xc0000234': 'ACCOUNT_LOCKED_OUT',
  '0xc0000413': 'AUTHENTICATION_FIREWALL_FAILED',
};

/** Kerberos result codes (4768/4769/4771 Status) to details. */
const KERBEROS_DETAIL: Record<string, string> = {
  '0x6': 'USER_DOES_NOT_EXIST',
  '0x7': 'SERVICE_DOES_NOT_EXIST',
  '0xc': 'POLICY_RESTRICTION',
  '0x12': 'ACCOUNT_DISABLED_EXPIRED_OR_LOCKED_OUT',
  '0x17': 'PASSWORD_EXPIRED',
  '0x18': 'INVALID_CREDENTIALS',
  '0x25': 'CLOCK_SKEW',
};

/** Windows LogonType numbers map 1:1 onto OCSF logon_type_id, except 0 (System). */
function logonType(rec: WinRecord): { logon_type_id?: number; logon_type?: string } {
  const raw = field(rec, 'LogonType');
  if (raw === undefined || !/^\d+$/.test(raw)) return {};
  const n = Number(raw);
  if (n === 0) return { logon_type_id: 1 };
  return [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13].includes(n) ? { logon_type_id: n } : { logon_type_id: 99, logon_type: raw };
}

function authProtocol(name: string | undefined): { auth_protocol_id?: number; auth_protocol?: string } {
  if (!name) return {};
  const n = name.trim().toLowerCase();
  if (n.startsWith('ntlm') || n === 'msv1_0' || n === 'microsoft_authentication_package_v1_0') return { auth_protocol_id: 1, auth_protocol: 'NTLM' };
  if (n.startsWith('kerberos')) return { auth_protocol_id: 2, auth_protocol: 'Kerberos' };
  return { auth_protocol_id: 99, auth_protocol: name.trim() };
}

/** Status of a code-carrying event: 0x0 is success, anything else a failure with its detail. */
function statusFromCode(code: string | undefined, table: Record<string, string>) {
  if (code === undefined) return buildStatus(undefined);
  const c = code.toLowerCase();
  if (c === '0x0' || c === '0') return buildStatus(true, code);
  return buildStatus(false, code, table[c]);
}

function srcEndpoint(rec: WinRecord, hostField = 'WorkstationName') {
  return buildNetworkEndpoint({ ip: field(rec, 'IpAddress'), port: field(rec, 'IpPort'), hostname: field(rec, hostField) });
}

// Handlers write their attribute literal whole (device first, the host as dst_endpoint last,
// status fields by name): spreading parts into a new object cost more than the rest of a handler.
function auth(activityId: number, attributes: Record<string, unknown>): Mapped {
  return { classUid: 3002, activityId, attributes };
}

/** The destination of a logon: the reporting host. */
function hostEndpoint(rec: WinRecord) {
  return buildNetworkEndpoint({ hostname: rec.computer ?? 'unknown' });
}

/** A user is required by Authentication; when the event names nobody, keep the SID/unknown. */
function userOr(user: Record<string, unknown> | undefined, rec: WinRecord) {
  return user ?? buildUser({ uid: field(rec, 'TargetUserSid') ?? field(rec, 'TargetSid') ?? 'S-1-0-0' });
}

const logon: Handler = (rec) => {
  const failed = rec.eventId === 4625;
  const subStatus = field(rec, 'SubStatus');
  const code = failed ? (subStatus && subStatus.toLowerCase() !== '0x0' ? subStatus : field(rec, 'Status')) : undefined;
  const lt = logonType(rec);
  const protocol = authProtocol(field(rec, 'AuthenticationPackageName') ?? field(rec, 'LogonProcessName'));
  const status = failed ? buildStatus(false, code, code ? NTSTATUS_DETAIL[code.toLowerCase()] : undefined) : buildStatus(true);
  return auth(1, {
    device: deviceOf(rec),
    user: userOr(userFromTrio(rec, 'Target'), rec),
    actor: { user: userFromTrio(rec, 'Subject'), process: buildProcess({ pid: field(rec, 'ProcessId'), path: field(rec, 'ProcessName') }) },
    src_endpoint: srcEndpoint(rec),
    session: { uid: field(rec, 'TargetLogonId'), uuid: field(rec, 'LogonGuid')?.replace(/[{}]/g, '') },
    logon_type_id: lt.logon_type_id,
    logon_type: lt.logon_type,
    auth_protocol_id: protocol.auth_protocol_id,
    auth_protocol: protocol.auth_protocol,
    logon_process: buildProcess({ pid: field(rec, 'ProcessId'), path: field(rec, 'ProcessName') }),
    is_remote: lt.logon_type_id === undefined ? undefined : [3, 8, 10, 12].includes(lt.logon_type_id),
    status_id: status.status_id,
    status: status.status,
    status_code: status.status_code,
    status_detail: status.status_detail,
    dst_endpoint: hostEndpoint(rec),
  });
};

const logoff: Handler = (rec) => {
  const lt = logonType(rec);
  return auth(2, {
    device: deviceOf(rec),
    user: userOr(userFromTrio(rec, 'Target'), rec),
    session: { uid: field(rec, 'TargetLogonId') },
    logon_type_id: lt.logon_type_id,
    logon_type: lt.logon_type,
    status_id: STATUS.Success,
    status: 'Success',
    dst_endpoint: hostEndpoint(rec),
  });
};

const explicitCredentials: Handler = (rec) =>
  auth(1, {
    device: deviceOf(rec),
    user: userOr(buildUser({ name: field(rec, 'TargetUserName'), domain: field(rec, 'TargetDomainName') }), rec),
    actor: { user: userFromTrio(rec, 'Subject'), process: buildProcess({ pid: field(rec, 'ProcessId'), path: field(rec, 'ProcessName') }) },
    src_endpoint: buildNetworkEndpoint({ ip: field(rec, 'IpAddress'), port: field(rec, 'IpPort') }),
    dst_endpoint: buildNetworkEndpoint({ hostname: field(rec, 'TargetServerName') ?? rec.computer ?? 'unknown' }) ?? hostEndpoint(rec),
    session: { uid: field(rec, 'SubjectLogonId') },
    status_id: STATUS.Success,
    status: 'Success',
  });

function kerberos(activityId: number): Handler {
  return (rec) => {
    const status = statusFromCode(field(rec, 'Status'), KERBEROS_DETAIL);
    return auth(activityId, {
      device: deviceOf(rec),
      user: userOr(buildUser({ name: field(rec, 'TargetUserName'), domain: field(rec, 'TargetDomainName'), uid: field(rec, 'TargetSid') }), rec),
      src_endpoint: buildNetworkEndpoint({ ip: field(rec, 'IpAddress'), port: field(rec, 'IpPort') }),
      service: field(rec, 'ServiceName') ? { name: field(rec, 'ServiceName'), uid: field(rec, 'ServiceSid') } : undefined,
      auth_protocol_id: 2,
      auth_protocol: 'Kerberos',
      status_id: status.status_id,
      status: status.status,
      status_code: status.status_code,
      status_detail: status.status_detail,
      dst_endpoint: hostEndpoint(rec),
    });
  };
}

const credentialValidation: Handler = (rec) => {
  const protocol = authProtocol(field(rec, 'PackageName'));
  const status = statusFromCode(field(rec, 'Status'), NTSTATUS_DETAIL);
  return auth(1, {
    device: deviceOf(rec),
    user: userOr(buildUser({ name: field(rec, 'TargetUserName') }), rec),
    src_endpoint: buildNetworkEndpoint({ hostname: field(rec, 'Workstation') }),
    auth_protocol_id: protocol.auth_protocol_id,
    auth_protocol: protocol.auth_protocol,
    status_id: status.status_id,
    status: status.status,
    status_code: status.status_code,
    status_detail: status.status_detail,
    dst_endpoint: hostEndpoint(rec),
  });
};

/** 4672 "special privileges assigned to new logon" is OCSF Authorize Session: Assign Privileges. */
const specialPrivileges: Handler = (rec) => ({
  classUid: 3003,
  activityId: 1,
  attributes: {
    device: deviceOf(rec),
    user: userOr(userFromTrio(rec, 'Subject'), rec),
    session: { uid: field(rec, 'SubjectLogonId') },
    privileges: field(rec, 'PrivilegeList')?.split(/\s+/).filter(Boolean),
    status_id: STATUS.Success,
    status: 'Success',
  },
});

/** Security-channel authentication handlers by EventID. */
export const SECURITY_AUTH_HANDLERS: Record<number, Handler> = {
  4624: logon,
  4625: logon,
  4634: logoff,
  4647: logoff,
  4648: explicitCredentials,
  4672: specialPrivileges,
  4768: kerberos(3),
  4769: kerberos(4),
  4770: kerberos(5),
  4771: kerberos(6),
  4776: credentialValidation,
};
