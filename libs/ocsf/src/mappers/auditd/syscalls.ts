/** Syscalls the mapper classifies, by name. */
export type KnownSyscall =
  | 'execve' | 'execveat' | 'open' | 'openat' | 'openat2' | 'creat' | 'unlink' | 'unlinkat' | 'rmdir'
  | 'rename' | 'renameat' | 'renameat2' | 'chmod' | 'fchmod' | 'fchmodat' | 'chown' | 'fchown' | 'lchown'
  | 'fchownat' | 'mkdir' | 'mkdirat' | 'truncate' | 'ftruncate';

// Syscall numbers per audit arch (AUDIT_ARCH_* value as auditd prints it).
const X86_64: Record<string, KnownSyscall> = {
  '59': 'execve', '322': 'execveat', '2': 'open', '257': 'openat', '437': 'openat2', '85': 'creat', '87': 'unlink',
  '263': 'unlinkat', '84': 'rmdir', '82': 'rename', '264': 'renameat', '316': 'renameat2', '90': 'chmod',
  '91': 'fchmod', '268': 'fchmodat', '92': 'chown', '93': 'fchown', '94': 'lchown', '260': 'fchownat',
  '83': 'mkdir', '258': 'mkdirat', '76': 'truncate', '77': 'ftruncate',
};
const AARCH64: Record<string, KnownSyscall> = {
  '221': 'execve', '281': 'execveat', '56': 'openat', '437': 'openat2', '35': 'unlinkat', '38': 'renameat',
  '276': 'renameat2', '52': 'fchmod', '53': 'fchmodat', '55': 'fchown', '54': 'fchownat', '34': 'mkdirat',
  '45': 'truncate', '46': 'ftruncate',
};
const BY_ARCH: Record<string, Record<string, KnownSyscall>> = { c000003e: X86_64, x86_64: X86_64, c00000b7: AARCH64, aarch64: AARCH64 };
const NAMES = new Set<string>(Object.values(X86_64).concat(Object.values(AARCH64)));

/**
 * Resolves the SYSCALL record's `syscall` (a number for `arch`, or a name in interpreted logs
 * and auoms) to a name the mapper knows; undefined for every other syscall.
 */
export function syscallName(syscall: string | undefined, arch: string | undefined): KnownSyscall | undefined {
  if (syscall === undefined) return undefined;
  if (NAMES.has(syscall)) return syscall as KnownSyscall;
  return BY_ARCH[(arch ?? 'c000003e').toLowerCase()]?.[syscall];
}
