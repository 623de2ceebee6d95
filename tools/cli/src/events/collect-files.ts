/**
 * Expands the `--events` and `--rules` arguments into files: a file is taken as given (whatever
 * its name), a directory is walked recursively for the wanted extensions, in a stable order.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { unreadablePath } from '../errors';

/** Extensions `--events` picks up in directories. */
export const EVENT_EXTENSIONS: readonly string[] = ['.json', '.jsonl', '.ndjson', '.log', '.gz'];
/** Extensions `--rules` picks up in directories. */
export const RULE_EXTENSIONS: readonly string[] = ['.yml', '.yaml'];

async function walk(dir: string, exts: readonly string[], seen: Set<string>, out: string[]): Promise<void> {
  let real: string;
  let names: string[];
  try {
    real = await realpath(dir);
    names = await readdir(dir);
  } catch (e) {
    throw unreadablePath(dir, e);
  }
  // A symlink loop would otherwise walk forever.
  if (seen.has(real)) return;
  seen.add(real);
  names.sort();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (st?.isDirectory()) await walk(p, exts, seen, out);
    else if (st?.isFile() && exts.some((x) => name.toLowerCase().endsWith(x))) out.push(p);
  }
}

/**
 * The files named by `paths`: files as given, directories walked for `exts`.
 *
 * @throws HuntError kind `unreadable-path` when a path does not exist or cannot be listed.
 */
export async function collectFiles(paths: readonly string[], exts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      throw unreadablePath(p, e);
    }
    if (st.isDirectory()) await walk(p, exts, seen, out);
    else out.push(p);
  }
  return out;
}
