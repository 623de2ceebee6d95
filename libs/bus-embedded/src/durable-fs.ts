import { open, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * fsyncs a directory so a created, renamed or deleted entry in it survives a crash; without
 * it a new segment or offsets file can vanish even though its contents were synced.
 */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Replaces `file` atomically: write a temp file, fsync it, rename over, fsync the directory. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  const fh = await open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncDir(path.dirname(file));
}
