import type { Build, Sequencer } from '../draft';
import { auditTs, proctitleHex } from '../format';
import type { Host } from '../world/types';

/** A record type and its body (everything after `msg=audit(...): `). */
export type AuditPart = readonly [type: string, body: string];

/**
 * One audit event: several lines sharing `msg=audit(ts:serial)`, prefixed with `node=` as
 * auditd writes when `name_format=hostname`, joined with newlines.
 */
export function auditEvent(host: Host, time: number, parts: readonly AuditPart[]): Build {
  return (seq: Sequencer) => {
    const serial = seq.next(`audit:${host.name}`, 40_000 + host.pids.auditd * 17);
    const stamp = `msg=audit(${auditTs(time)}:${serial}):`;
    return parts.map(([type, body]) => `node=${host.name} type=${type} ${stamp} ${body}`).join('\n');
  };
}

/** Subject of a PAM/user-space audit message. */
export interface AuditSubject {
  pid: number;
  uid: number;
  auid: number;
  ses: number;
}

/** A PAM-style user message (USER_AUTH, USER_ACCT, CRED_ACQ, USER_START...). */
export function pamPart(type: string, s: AuditSubject, op: string, acct: string, exe: string, addr: string, terminal: string, ok: boolean): AuditPart {
  const host = addr === '?' ? '?' : addr;
  const body = `pid=${s.pid} uid=${s.uid} auid=${s.auid} ses=${s.ses} subj=unconfined msg='op=${op} acct="${acct}" exe="${exe}" hostname=${host} addr=${addr} terminal=${terminal} res=${ok ? 'success' : 'failed'}'`;
  return [type, body];
}

/** A program execution: SYSCALL(execve) + EXECVE + CWD + PATH + PROCTITLE. */
export function execParts(s: AuditSubject & { ppid: number; euid: number; tty: string }, exe: string, argv: readonly string[], cwd: string, key = '(null)'): AuditPart[] {
  const comm = (exe.split('/').pop() ?? exe).slice(0, 15);
  const ids = `uid=${s.uid} gid=${s.uid} euid=${s.euid} suid=${s.euid} fsuid=${s.euid} egid=${s.euid} sgid=${s.euid} fsgid=${s.euid}`;
  const args = argv.map((a, i) => `a${i}="${a.replace(/"/g, "'")}"`).join(' ');
  return [
    ['SYSCALL', `arch=c000003e syscall=59 success=yes exit=0 a0=55d0c1a2b3c0 a1=55d0c1a2b4e0 a2=55d0c1a2b600 a3=8 items=2 ppid=${s.ppid} pid=${s.pid} auid=${s.auid} ${ids} tty=${s.tty} ses=${s.ses} comm="${comm}" exe="${exe}" subj=unconfined key="${key}"`],
    ['EXECVE', `argc=${argv.length} ${args}`],
    ['CWD', `cwd="${cwd}"`],
    ['PATH', `item=0 name="${exe}" inode=${(exe.length * 7919) % 900_000} dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`],
    ['PATH', `item=1 name="/lib64/ld-linux-x86-64.so.2" inode=29514 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`],
    ['PROCTITLE', `proctitle=${proctitleHex(argv)}`],
  ];
}

/** A write to a watched file (e.g. authorized_keys) as an openat SYSCALL with its PATH. */
export function fileWriteParts(s: AuditSubject & { ppid: number; euid: number; tty: string }, exe: string, file: string, key: string): AuditPart[] {
  const comm = (exe.split('/').pop() ?? exe).slice(0, 15);
  return [
    ['SYSCALL', `arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffd2c1e5f10 a2=441 a3=1b6 items=2 ppid=${s.ppid} pid=${s.pid} auid=${s.auid} uid=${s.uid} gid=${s.uid} euid=${s.euid} suid=${s.euid} fsuid=${s.euid} egid=${s.euid} sgid=${s.euid} fsgid=${s.euid} tty=${s.tty} ses=${s.ses} comm="${comm}" exe="${exe}" subj=unconfined key="${key}"`],
    ['CWD', `cwd="/root"`],
    ['PATH', `item=0 name="${file.slice(0, file.lastIndexOf('/') + 1)}" inode=131075 dev=08:01 mode=040700 ouid=0 ogid=0 rdev=00:00 nametype=PARENT cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`],
    ['PATH', `item=1 name="${file}" inode=131090 dev=08:01 mode=0100600 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`],
  ];
}
