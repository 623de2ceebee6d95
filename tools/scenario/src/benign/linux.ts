import { auditEvent, execParts, pamPart, type AuditSubject } from '../emit/auditd';
import { Facility, Severity, syslogLine } from '../emit/syslog';
import type { Host, User } from '../world/types';
import { timeIn, type SliceCtx } from './context';

const CRON_JOBS: Record<string, string[]> = {
  'bastion-01': ['/usr/lib/sysstat/debian-sa1 1 1'],
  'web-01': ['/usr/local/bin/rotate-app-logs.sh', '/usr/lib/sysstat/debian-sa1 1 1'],
  'web-02': ['/usr/local/bin/rotate-app-logs.sh', '/usr/lib/sysstat/debian-sa1 1 1'],
  'db-01': ['/usr/local/bin/pg-backup.sh --incremental', '/usr/lib/sysstat/debian-sa1 1 1'],
  'ci-runner-01': ['/usr/bin/docker system prune -f --filter until=24h'],
};

/** cron firing a job: syslog CRON lines and the PAM audit trail around the session. */
export function cronRun(ctx: SliceCtx, host: Host, t: number, cmd: string, user = 'root', uid = 0): void {
  const { sink, rng } = ctx;
  const pid = rng.int(10_000, 60_000);
  const ses = rng.int(1_000, 90_000);
  const s: AuditSubject = { pid, uid: 0, auid: 4294967295, ses: 4294967295 };
  const started: AuditSubject = { pid, uid: 0, auid: uid, ses };
  sink.add(t, 'auditd', auditEvent(host, t, [pamPart('USER_ACCT', s, 'PAM:accounting grantors=pam_permit', user, '/usr/sbin/cron', '?', 'cron', true)]));
  sink.add(t, 'auditd', auditEvent(host, t, [pamPart('CRED_ACQ', s, 'PAM:setcred grantors=pam_permit,pam_cap', user, '/usr/sbin/cron', '?', 'cron', true)]));
  sink.add(t, 'auditd', auditEvent(host, t, [['LOGIN', `pid=${pid} uid=0 subj=unconfined old-auid=4294967295 auid=${uid} tty=(none) old-ses=4294967295 ses=${ses} res=1`]]));
  sink.add(t, 'auditd', auditEvent(host, t, [pamPart('USER_START', started, 'PAM:session_open grantors=pam_loginuid,pam_env,pam_permit,pam_unix,pam_limits', user, '/usr/sbin/cron', '?', 'cron', true)]));
  sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.authpriv, severity: Severity.info, app: 'CRON', pid, msg: `pam_unix(cron:session): session opened for user ${user}(uid=${uid}) by (uid=0)` }));
  sink.add(t + 1, 'syslog', syslogLine(host, t + 1, { facility: Facility.cron, severity: Severity.info, app: 'CRON', pid: pid + 1, msg: `(${user}) CMD (${cmd})` }));
  const end = t + rng.int(200, 4_000);
  sink.add(end, 'auditd', auditEvent(host, end, [pamPart('CRED_DISP', started, 'PAM:setcred grantors=pam_permit,pam_cap', user, '/usr/sbin/cron', '?', 'cron', true)]));
  sink.add(end, 'auditd', auditEvent(host, end, [pamPart('USER_END', started, 'PAM:session_close grantors=pam_loginuid,pam_env,pam_permit,pam_unix,pam_limits', user, '/usr/sbin/cron', '?', 'cron', true)]));
  sink.add(end, 'syslog', syslogLine(host, end, { facility: Facility.authpriv, severity: Severity.info, app: 'CRON', pid, msg: `pam_unix(cron:session): session closed for user ${user}` }));
}

/** An interactive SSH login and the sudo commands an engineer or admin runs. */
function adminSession(ctx: SliceCtx, host: Host, user: User, t: number): void {
  const { sink, rng } = ctx;
  const sshd = rng.int(100_000, 400_000);
  const uid = 1000 + user.index;
  const ses = rng.int(1_000, 9_000);
  const src = ctx.world.network.vpnCidr.replace('0/24', String(rng.int(10, 99)));
  const port = rng.int(40_000, 65_000);
  sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid: sshd, msg: `Accepted publickey for ${user.sam} from ${src} port ${port} ssh2: ED25519 SHA256:${rng.b62(43)}` }));
  sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid: sshd, msg: `pam_unix(sshd:session): session opened for user ${user.sam}(uid=${uid}) by (uid=0)` }));
  const pre: AuditSubject = { pid: sshd, uid: 0, auid: 4294967295, ses: 4294967295 };
  sink.add(t, 'auditd', auditEvent(host, t, [pamPart('USER_ACCT', pre, 'PAM:accounting grantors=pam_permit', user.sam, '/usr/sbin/sshd', src, 'ssh', true)]));
  sink.add(t, 'auditd', auditEvent(host, t, [['USER_LOGIN', `pid=${sshd} uid=0 auid=${uid} ses=${ses} subj=unconfined msg='op=login id=${uid} exe="/usr/sbin/sshd" hostname=? addr=${src} terminal=/dev/pts/0 res=success'`]]));
  let tt = t;
  for (let i = rng.int(1, 4); i > 0; i--) {
    tt += rng.int(20_000, 300_000);
    const [exe, argv] = rng.pick<[string, string[]]>([
      ['/usr/bin/systemctl', ['systemctl', 'restart', 'nginx']],
      ['/usr/bin/apt-get', ['apt-get', 'install', '-y', rng.pick(['htop', 'jq', 'postgresql-client-16', 'nginx'])]],
      ['/usr/bin/journalctl', ['journalctl', '-u', 'app', '--since', '-1h']],
      ['/usr/bin/tail', ['tail', '-n', '200', '/var/log/nginx/error.log']],
      ['/usr/bin/docker', ['docker', 'ps', '-a']],
    ]);
    const cmd = argv.join(' ');
    sink.add(tt, 'syslog', syslogLine(host, tt, { facility: Facility.authpriv, severity: Severity.notice, app: 'sudo', msg: `${user.sam} : TTY=pts/0 ; PWD=/home/${user.sam} ; USER=root ; COMMAND=${exe} ${argv.slice(1).join(' ')}` }));
    const sp = rng.int(100_000, 400_000);
    sink.add(tt, 'auditd', auditEvent(host, tt, [['USER_CMD', `pid=${sp} uid=${uid} auid=${uid} ses=${ses} subj=unconfined msg='cwd="/home/${user.sam}" cmd=${Buffer.from(cmd).toString('hex').toUpperCase()} exe="/usr/bin/sudo" terminal=pts/0 res=success'`]]));
    sink.add(tt + 20, 'auditd', auditEvent(host, tt + 20, execParts({ pid: sp + 1, ppid: sp, uid: 0, euid: 0, auid: uid, ses, tty: 'pts0' }, exe, argv, `/home/${user.sam}`, 'admin_cmds')));
  }
  const end = tt + rng.int(60_000, 600_000);
  sink.add(end, 'syslog', syslogLine(host, end, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid: sshd, msg: `pam_unix(sshd:session): session closed for user ${user.sam}` }));
}

/** Internet background: scanners guessing SSH passwords on the bastion (never succeed). */
function scannerNoise(ctx: SliceCtx, host: Host): void {
  const { sink, rng } = ctx;
  for (let i = rng.poisson(5); i > 0; i--) {
    const t = timeIn(ctx);
    const ip = `${rng.pick(['218.92', '61.177', '122.195', '43.156', '180.101'])}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const name = rng.pick(['admin', 'test', 'ubuntu', 'oracle', 'git', 'postgres', 'user']);
    const pid = rng.int(100_000, 400_000);
    sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid, msg: `Invalid user ${name} from ${ip} port ${rng.int(30_000, 65_000)}` }));
    sink.add(t + 1_800, 'syslog', syslogLine(host, t + 1_800, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid, msg: `Failed password for invalid user ${name} from ${ip} port ${rng.int(30_000, 65_000)} ssh2` }));
    sink.add(t + 1_800, 'auditd', auditEvent(host, t + 1_800, [pamPart('USER_AUTH', { pid, uid: 0, auid: 4294967295, ses: 4294967295 }, 'PAM:authentication grantors=?', '?', '/usr/sbin/sshd', ip, 'ssh', false)]));
  }
}

/** Benign Linux telemetry: cron every 5-10 minutes, systemd timers, admin SSH, scanners. */
export function linuxActivity(ctx: SliceCtx): void {
  const { sink, rng, world } = ctx;
  const admins = world.users.filter((u) => u.admin || u.department === 'Engineering');
  for (const host of world.hosts) {
    if (host.os !== 'linux') continue;
    const jobs = CRON_JOBS[host.name] ?? [];
    const period = 10 * 60_000;
    for (let t = Math.ceil(sink.start / period) * period; t < sink.end; t += period) {
      for (const job of jobs) cronRun(ctx, host, t + rng.int(0, 900), job);
    }
    for (let i = rng.poisson(2); i > 0; i--) {
      const t = timeIn(ctx);
      sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.daemon, severity: Severity.info, app: 'systemd', pid: 1, msg: rng.pick(['Starting Daily apt download activities...', 'Started Daily Cleanup of Temporary Directories.', 'Finished Rotate log files.', 'Starting Message of the Day...', 'apt-daily.service: Deactivated successfully.']) }));
    }
    if (admins.length > 0 && rng.chance(0.35)) adminSession(ctx, host, rng.pick(admins), timeIn(ctx));
    if (host.name === 'bastion-01') scannerNoise(ctx, host);
  }
}
