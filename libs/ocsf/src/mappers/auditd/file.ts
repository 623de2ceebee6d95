import type { AuditdRecord } from '@soc/sources';
import { buildFile } from '../../build/file';
import { buildProcess } from '../../build/process';
import { type AuditdView, baseName } from './event-view';
import type { AuditdMapping } from './mapping';
import { sessionOf, statusOf } from './process';
import type { KnownSyscall } from './syscalls';

const ACTIVITY: Partial<Record<KnownSyscall, number>> = {
  open: 14, openat: 14, openat2: 14, // Open
  creat: 1, mkdir: 1, mkdirat: 1, // Create
  unlink: 4, unlinkat: 4, rmdir: 4, // Delete
  rename: 5, renameat: 5, renameat2: 5, // Rename
  chmod: 7, fchmod: 7, fchmodat: 7, chown: 7, fchown: 7, lchown: 7, fchownat: 7, // Set Security (mode/owner)
  truncate: 3, ftruncate: 3, // Update
};

/** True when the syscall is a file operation this mapper turns into File System Activity. */
export function isFileSyscall(name: KnownSyscall | undefined): name is KnownSyscall {
  return name !== undefined && ACTIVITY[name] !== undefined;
}

/**
 * SYSCALL open/openat/creat/unlink/rename/chmod/chown/mkdir/truncate with PATH -> File System
 * Activity (1001). The file is the PATH item that is not the parent directory; relative names
 * are resolved against CWD. A rename's new name goes to `file_result`.
 */
export function mapFileSyscall(view: AuditdView, syscall: KnownSyscall): AuditdMapping | undefined {
  const sys = view.first('SYSCALL');
  const cwd = view.take(view.first('CWD'), 'cwd');
  const paths = view.all('PATH');
  const target = paths.find((p) => p.fields['nametype'] !== 'PARENT' && p.fields['nametype'] !== 'CREATE') ?? paths.find((p) => p.fields['nametype'] !== 'PARENT');
  const created = paths.find((p) => p.fields['nametype'] === 'CREATE' && p !== target);
  const file = fileOf(view, target, cwd);
  if (!file) return undefined;
  const exe = view.take(sys, 'exe');
  const session = sessionOf(view, sys);
  const status = statusOf(view, sys);
  return {
    classUid: 1001,
    activityId: ACTIVITY[syscall] ?? 99,
    attributes: {
      file,
      file_result: syscall.startsWith('rename') ? fileOf(view, created, cwd) : undefined,
      actor: {
        process: buildProcess({ pid: view.take(sys, 'pid'), name: view.take(sys, 'comm') ?? baseName(exe), path: exe, session }),
        user: view.user(sys, 'auid') ?? view.user(sys, 'uid'),
        session,
      },
      status_id: status?.status_id,
      status: status?.status,
      status_code: status?.status_code,
    },
  };
}

function fileOf(view: AuditdView, rec: AuditdRecord | undefined, cwd: string | undefined): Record<string, unknown> | undefined {
  const name = view.take(rec, 'name');
  if (!name) return undefined;
  const path = name.startsWith('/') || !cwd ? name : `${cwd.replace(/\/$/, '')}/${name}`;
  const mode = view.take(rec, 'mode');
  // st_mode high bits: 01 FIFO, 02 char dev, 04 dir, 010 regular, 012 symlink.
  const kind = mode?.slice(0, -4);
  const type_id = kind === '010' ? 1 : kind === '04' ? 2 : kind === '012' ? 7 : kind === '01' ? 6 : 0;
  return buildFile({ path, type_id, uid: view.take(rec, 'inode') }) ;
}
