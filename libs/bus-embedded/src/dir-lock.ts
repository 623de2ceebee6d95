import { readFile, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { logLocked } from '@soc/bus';

/** Directories this process holds, so a stale lock carrying our own (reused) pid is told apart from a live one. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dir>/LOCK` for this process: two writers on one log would interleave frames and
 * reuse offsets. A lock left by a dead process (crash, SIGKILL) is taken over.
 */
export async function acquireDirLock(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'LOCK');
  const key = path.resolve(dir);
  if (held.has(key)) throw logLocked(dir, process.pid);
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw logLocked(dir, pid);
    await writeFile(file, String(process.pid));
  }
  held.add(key);
  return async () => {
    held.delete(key);
    await unlink(file).catch(() => undefined);
  };
}
