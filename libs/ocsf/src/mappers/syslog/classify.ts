import { buildNetworkEndpoint } from '../../build/endpoint';
import { SEVERITY, type SeverityId } from '../../build/severity';
import { buildStatus } from '../../build/status';
import { buildUser } from '../../build/user';

/** What a recognised syslog message became; undefined classification means a generic event. */
export interface SyslogMapping {
  classUid: number;
  activityId: number;
  activityName?: string;
  severityId: SeverityId;
  attributes: Record<string, unknown>;
  /** Parsed details with no OCSF home (kept under `unmapped`). */
  details?: Record<string, unknown>;
}

const SSH_ACCEPTED = /^Accepted (\S+) for (\S+) from (\S+) port (\d+)/;
const SSH_FAILED = /^Failed (\S+) for (invalid user )?(\S*) from (\S+) port (\d+)/;
const SSH_INVALID = /^Invalid user (\S*) from (\S+)(?: port (\d+))?/;
// sudo: `alice : [reason ; ]TTY=pts/0 ; PWD=/home/alice ; USER=root ; [ENV=... ; ]COMMAND=/bin/ls -la`
const SUDO = /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S+) ; PWD=(.*?) ; USER=(\S+) ;(?: .*? ;)? COMMAND=(.*)$/;
const SUDO_DENIED = /incorrect password|NOT in sudoers|not allowed|authentication failure/i;
const NEW_USER = /^new user: name=([^,]+), UID=(\d+)/;
const DELETE_USER = /^delete user '([^']+)'/;
const PASSWORD_CHANGED = /password changed for (\S+)/;
const CHANGE_PASSWORD = /^change user '([^']+)' password/;

/**
 * Recognises sshd logons, sudo elevation and account management (useradd, userdel, passwd,
 * usermod/chpasswd) in a syslog message; everything else returns undefined.
 */
export function classifySyslog(app: string | undefined, message: string, host: string | undefined): SyslogMapping | undefined {
  const name = app?.toLowerCase();
  if (name === 'sshd') return sshd(message, host);
  if (name === 'sudo') return sudo(message);
  if (name === 'useradd' || name === 'userdel' || name === 'passwd' || name === 'usermod' || name === 'chpasswd') return account(message);
  return undefined;
}

function sshd(message: string, host: string | undefined): SyslogMapping | undefined {
  const dst = buildNetworkEndpoint({ hostname: host, svc_name: 'sshd' });
  const acc = SSH_ACCEPTED.exec(message);
  if (acc) return logon(true, acc[2], acc[3], acc[4], acc[1], dst);
  const failed = SSH_FAILED.exec(message);
  if (failed) {
    const m = logon(false, failed[3], failed[4], failed[5], failed[1], dst);
    // logon's fresh details object is extended in place (a spread copy followed by more keys is slow in V8).
    if (failed[2]) (m.details ??= {})['invalid_user'] = true;
    return m;
  }
  const invalid = SSH_INVALID.exec(message);
  if (invalid) {
    const m = logon(false, invalid[1], invalid[2], invalid[3], undefined, dst);
    m.details = { invalid_user: true };
    return m;
  }
  return undefined;
}

function logon(ok: boolean, user: string | undefined, ip: string | undefined, port: string | undefined, method: string | undefined, dst: Record<string, unknown> | undefined): SyslogMapping {
  return {
    classUid: 3002,
    activityId: 1,
    severityId: ok ? SEVERITY.Informational : SEVERITY.Low,
    attributes: {
      user: buildUser({ name: user || 'unknown' }),
      src_endpoint: buildNetworkEndpoint({ ip, port }),
      dst_endpoint: dst,
      service: { name: 'sshd' },
      is_remote: true,
      ...buildStatus(ok, undefined, method === undefined ? undefined : `${method} authentication ${ok ? 'accepted' : 'failed'}`),
    },
    ...(method ? { details: { auth_method: method } } : {}),
  };
}

/** sudo -> Authorize Session (3003) Assign Privileges: `user` gains USER's rights to run COMMAND. */
function sudo(message: string): SyslogMapping | undefined {
  const m = SUDO.exec(message);
  if (!m) return undefined;
  const [, who, reason, tty, pwd, runAs, command] = m;
  const denied = reason !== undefined && SUDO_DENIED.test(reason);
  return {
    classUid: 3003,
    activityId: 1,
    severityId: denied ? SEVERITY.Low : SEVERITY.Informational,
    attributes: {
      user: buildUser({ name: who }),
      privileges: runAs ? [runAs] : undefined,
      session: tty && tty !== 'unknown' ? { terminal: tty } : undefined,
      ...buildStatus(!denied, undefined, reason),
    },
    details: { sudo_tty: tty, sudo_pwd: pwd, sudo_run_as: runAs, sudo_command: command },
  };
}

function account(message: string): SyslogMapping | undefined {
  const created = NEW_USER.exec(message);
  if (created) return change(1, buildUser({ name: created[1], uid: created[2] }));
  const deleted = DELETE_USER.exec(message);
  if (deleted) return change(6, buildUser({ name: deleted[1] }));
  const pw = PASSWORD_CHANGED.exec(message) ?? CHANGE_PASSWORD.exec(message);
  if (pw) return change(3, buildUser({ name: pw[1] }));
  return undefined;
}

function change(activityId: number, user: Record<string, unknown> | undefined): SyslogMapping {
  return { classUid: 3001, activityId, severityId: SEVERITY.Informational, attributes: { user, ...buildStatus(true) } };
}
