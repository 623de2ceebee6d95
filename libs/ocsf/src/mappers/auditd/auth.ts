import { buildNetworkEndpoint } from '../../build/endpoint';
import { buildProcess } from '../../build/process';
import { SEVERITY } from '../../build/severity';
import { buildStatus, type StatusAttributes } from '../../build/status';
import { buildUser } from '../../build/user';
import { type AuditdView, baseName, outcome } from './event-view';
import type { AuditdMapping } from './mapping';

const LOGON_TYPES = new Set(['USER_LOGIN', 'USER_AUTH', 'USER_START', 'CRED_ACQ', 'USER_ERR', 'USER_ACCT', 'CRED_REFR']);
const LOGOFF_TYPES = new Set(['USER_LOGOUT', 'USER_END', 'CRED_DISP']);
const ACCOUNT_ACTIVITY: Record<string, number> = {
  ADD_USER: 1, DEL_USER: 6, USER_CHAUTHTOK: 3, ACCT_LOCK: 9, ACCT_UNLOCK: 12,
  ADD_GROUP: 99, DEL_GROUP: 99, GRP_MGMT: 99, USER_MGMT: 99, GRP_CHAUTHTOK: 99, USER_MAC_CONFIG_CHANGE: 99,
};

/** The USER_* / CRED_* record of an event, if it is an authentication event. */
export function authRecordType(view: AuditdView): string | undefined {
  return view.event.records.find((r) => LOGON_TYPES.has(r.type) || LOGOFF_TYPES.has(r.type))?.type;
}

/** The account-management record type of an event, if any. */
export function accountRecordType(view: AuditdView): string | undefined {
  return view.event.records.find((r) => ACCOUNT_ACTIVITY[r.type] !== undefined)?.type;
}

/**
 * USER_LOGIN/USER_AUTH/USER_START/CRED_ACQ/USER_ERR (Logon) and USER_LOGOUT/USER_END/CRED_DISP
 * (Logoff) -> Authentication (3002). The PAM service (sshd, sudo, login...) is `service`,
 * `addr`/`hostname` the source, `acct` (or `id`) the user; failures are Low severity.
 */
export function mapAuth(view: AuditdView, type: string): AuditdMapping {
  const rec = view.first(type);
  const ok = outcome(view, rec);
  const exe = view.take(rec, 'exe');
  const terminal = view.take(rec, 'terminal');
  const user = targetUser(view, rec) ?? buildUser({ name: 'unknown' });
  const service = baseName(exe) ?? view.take(rec, 'op') ?? type;
  const status = userRecordStatus(view, rec, ok);
  return {
    classUid: 3002,
    activityId: LOGOFF_TYPES.has(type) ? 2 : 1,
    severityId: ok === false ? SEVERITY.Low : SEVERITY.Informational,
    attributes: {
      user,
      service: { name: service },
      src_endpoint: buildNetworkEndpoint({ ip: view.take(rec, 'addr'), hostname: view.take(rec, 'hostname') }),
      actor: { user: view.user(rec, 'auid') ?? view.user(rec, 'uid'), process: processOf(view, rec, exe) },
      session: sessionOf(view, rec, terminal),
      is_remote: terminal === 'ssh' || terminal === 'sshd' || /sshd$/.test(exe ?? '') ? true : undefined,
      logon_process: processOf(view, rec, exe),
      message: view.take(rec, 'op'),
      // Named, not spread: an absent status leaves undefined attributes, which are dropped.
      status_id: status?.status_id,
      status: status?.status,
      status_code: status?.status_code,
    },
  };
}

/**
 * ADD_USER/DEL_USER/USER_CHAUTHTOK/ACCT_LOCK/ACCT_UNLOCK and group or generic user management
 * (activity Other, named after `op`) -> Account Change (3001). `user` is the account changed;
 * `actor` whoever changed it.
 */
export function mapAccountChange(view: AuditdView, type: string): AuditdMapping {
  const rec = view.first(type);
  const ok = outcome(view, rec);
  const activityId = ACCOUNT_ACTIVITY[type] ?? 99;
  const op = view.take(rec, 'op');
  const exe = view.take(rec, 'exe');
  const status = userRecordStatus(view, rec, ok);
  return {
    classUid: 3001,
    activityId,
    activityName: activityId === 99 ? op ?? type : undefined,
    severityId: ok === false ? SEVERITY.Low : SEVERITY.Informational,
    attributes: {
      user: targetUser(view, rec) ?? buildUser({ name: 'unknown' }),
      actor: { user: view.user(rec, 'auid') ?? view.user(rec, 'uid'), process: processOf(view, rec, exe) },
      src_endpoint: buildNetworkEndpoint({ ip: view.take(rec, 'addr'), hostname: view.take(rec, 'hostname') }),
      message: op,
      status_id: status?.status_id,
      status: status?.status,
      status_code: status?.status_code,
    },
  };
}

/** The account the record is about: `acct` (name) and/or `id` (uid). */
function targetUser(view: AuditdView, rec: ReturnType<AuditdView['first']>): Record<string, unknown> | undefined {
  const name = view.take(rec, 'acct');
  const uid = view.takeId(rec, 'id');
  return buildUser({ name: name && /^"?\?"?$/.test(name) ? undefined : name, uid });
}

function processOf(view: AuditdView, rec: ReturnType<AuditdView['first']>, exe: string | undefined): Record<string, unknown> | undefined {
  return buildProcess({ pid: view.take(rec, 'pid'), path: exe });
}

/** The status of a USER_* record (`res` is its code) when its outcome is known. */
function userRecordStatus(view: AuditdView, rec: ReturnType<AuditdView['first']>, ok: boolean | undefined): StatusAttributes | undefined {
  return ok === undefined ? undefined : buildStatus(ok, view.take(rec, 'res'));
}

function sessionOf(view: AuditdView, rec: ReturnType<AuditdView['first']>, terminal: string | undefined): Record<string, unknown> | undefined {
  const ses = view.takeId(rec, 'ses');
  return ses === undefined && terminal === undefined ? undefined : { uid: ses, terminal };
}
