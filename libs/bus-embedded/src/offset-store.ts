import { mkdir, readFile, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from './durable-fs';

interface OffsetsFile {
  /** Next offset to read, per partition. */
  partitions: Record<string, number>;
}

/** `<dir>/_offsets/<group>/<topic>.json`: committed offsets of one group on one topic. */
export const offsetsFile = (dir: string, group: string, topic: string): string => path.join(dir, '_offsets', group, `${topic}.json`);

async function readOffsets(file: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  const parsed = JSON.parse(text) as OffsetsFile;
  for (const [p, o] of Object.entries(parsed.partitions ?? {})) if (Number.isSafeInteger(o)) out.set(Number(p), o);
  return out;
}

/**
 * Committed offsets of one group on one topic. Commits from several partition loops are
 * coalesced: one atomic file write is in flight at a time and carries every commit made
 * while it waited, so a commit costs at most one write, not one per partition.
 */
export class OffsetStore {
  private constructor(
    private readonly file: string,
    private readonly offsets: Map<number, number>,
  ) {}

  /** Loads the group's offsets (none when the file does not exist yet). */
  static async open(dir: string, group: string, topic: string): Promise<OffsetStore> {
    const file = offsetsFile(dir, group, topic);
    await mkdir(path.dirname(file), { recursive: true });
    return new OffsetStore(file, await readOffsets(file));
  }

  private writing: Promise<void> | undefined;
  private dirty = false;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  /** Committed offset of a partition, if any. */
  get(partition: number): number | undefined {
    return this.offsets.get(partition);
  }

  /** Records `offset` as the next one to read and resolves once that is on disk. */
  commit(partition: number, offset: number): Promise<void> {
    this.offsets.set(partition, offset);
    this.dirty = true;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.writing ??= this.writeLoop();
    return done;
  }

  private async writeLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const waiters = this.waiters;
      this.waiters = [];
      const body: OffsetsFile = { partitions: Object.fromEntries([...this.offsets].map(([p, o]) => [String(p), o])) };
      try {
        await writeFileAtomic(this.file, JSON.stringify(body));
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.writing = undefined;
  }

  /** Waits for any pending write. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
}

/** Committed offsets of every group that has a file for `topic` (retention must not pass them). */
export async function allGroupOffsets(dir: string, topic: string): Promise<Map<string, Map<number, number>>> {
  const root = path.join(dir, '_offsets');
  const out = new Map<string, Map<number, number>>();
  let groups: string[];
  try {
    groups = await readdir(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  for (const g of groups) {
    const file = offsetsFile(dir, g, topic);
    try {
      await readFile(file);
    } catch {
      continue;
    }
    out.set(g, await readOffsets(file));
  }
  return out;
}
