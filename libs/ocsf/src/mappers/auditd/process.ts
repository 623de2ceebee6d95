import { execveArgs, type AuditdRecord } from '@soc/sources';
import { buildProcess } from '../../build/process';
import { buildStatus, type StatusAttributes } from '../../build/status';
import { type AuditdView, baseName, outcome } from './event-view';
import type { AuditdMapping } from './mapping';

/**
 * SYSCALL execve (+ EXECVE, CWD, PATH, PROCTITLE) or auoms AUOMS_EXECVE -> Process Activity
 * Launch (1007). The command line comes from EXECVE's argv (exact), else PROCTITLE (may be
 * truncated by the kernel), else auoms `cmdline`.
 */
export function mapExecve(view: AuditdView): AuditdMapping {
  const sys = view.first('SYSCALL') ?? view.first('AUOMS_EXECVE');
  const execve = view.first('EXECVE');
  const exe = view.take(sys, 'exe') ?? firstPath(view);
  const cwd = view.take(view.first('CWD'), 'cwd') ?? view.take(sys, 'cwd');
  const session = sessionOf(view, sys);
  const user = view.user(sys, 'euid') ?? view.user(sys, 'uid');
  view.take(sys, 'uid');
  view.take(sys, 'UID');
  const process = buildProcess({
    pid: view.take(sys, 'pid'),
    name: view.take(sys, 'comm') ?? baseName(exe),
    path: exe,
    cmd_line: cmdLine(view, execve, sys),
    working_directory: cwd,
    user,
    session,
    parent_process: buildProcess({ pid: view.take(sys, 'ppid') }),
  });
  const actorUser = view.user(sys, 'auid') ?? user;
  const status = statusOf(view, sys);
  return {
    classUid: 1007,
    activityId: 1,
    attributes: {
      process,
      actor: { process: buildProcess({ pid: view.take(sys, 'ppid') }), user: actorUser, session },
      launch_type_id: 3, // auditd records exec(), not fork()
      // Named, not spread: an absent status leaves undefined attributes, which are dropped.
      status_id: status?.status_id,
      status: status?.status,
      status_code: status?.status_code,
    },
  };
}

/** OCSF session from `ses` (login session id), with the tty as terminal. */
export function sessionOf(view: AuditdView, sys: AuditdRecord | undefined): Record<string, unknown> | undefined {
  const ses = view.takeId(sys, 'ses');
  const tty = view.take(sys, 'tty');
  if (ses === undefined) return undefined;
  return { uid: ses, terminal: tty === '(none)' ? undefined : tty };
}

/** Status from `success=` and the syscall's `exit` (an errno when negative); undefined when unknown. */
export function statusOf(view: AuditdView, sys: AuditdRecord | undefined): StatusAttributes | undefined {
  const ok = outcome(view, sys);
  const exit = view.take(sys, 'exit');
  return ok === undefined ? undefined : buildStatus(ok, exit);
}

function cmdLine(view: AuditdView, execve: AuditdRecord | undefined, sys: AuditdRecord | undefined): string | undefined {
  if (execve) {
    const args = execveArgs(execve.fields);
    if (args.length > 0) {
      for (const k of Object.keys(execve.fields)) view.take(execve, k);
      return args.map(quoteArg).join(' ');
    }
  }
  return view.take(view.first('PROCTITLE'), 'proctitle') ?? view.take(sys, 'cmdline') ?? view.take(sys, 'proctitle');
}

// Keep arguments with spaces recognisable in the joined command line.
function quoteArg(a: string): string {
  return a === '' || /[\s"]/.test(a) ? `"${a.replace(/"/g, '\\"')}"` : a;
}

function firstPath(view: AuditdView): string | undefined {
  const p = view.all('PATH').find((r) => r.fields['item'] === '0');
  return view.take(p, 'name');
}
