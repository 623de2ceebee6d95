import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from './durable-fs';
import { PartitionLog, type PartitionLogOptions } from './partition-log';

interface TopicMeta {
  partitions: number;
}

/**
 * A topic: its partition count (fixed at creation and stored in `topic.json`, because
 * changing it would move keys to other partitions and break per-key order) and one
 * PartitionLog per partition.
 */
export class TopicLog {
  private constructor(
    readonly name: string,
    readonly partitions: readonly PartitionLog[],
  ) {}

  /** Opens the topic, creating it with `defaultPartitions` if it does not exist. */
  static async open(dir: string, name: string, defaultPartitions: number, opts: PartitionLogOptions): Promise<TopicLog> {
    const topicDir = path.join(dir, name);
    const metaFile = path.join(topicDir, 'topic.json');
    let meta: TopicMeta;
    try {
      meta = JSON.parse(await readFile(metaFile, 'utf8')) as TopicMeta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      meta = { partitions: defaultPartitions };
      await mkdir(topicDir, { recursive: true });
      await writeFileAtomic(metaFile, JSON.stringify(meta));
    }
    const logs: PartitionLog[] = [];
    for (let p = 0; p < meta.partitions; p++) logs.push(await PartitionLog.open(path.join(topicDir, String(p)), opts));
    return new TopicLog(name, logs);
  }

  /** The partition's log; `p` comes from the partitioner or a subscription, so it is in range. */
  partition(p: number): PartitionLog {
    const log = this.partitions[p];
    if (!log) throw new RangeError(`partition ${p} out of range for ${this.name}`);
    return log;
  }

  /** Closes every partition (waiting for queued appends). */
  async close(): Promise<void> {
    await Promise.all(this.partitions.map((p) => p.close()));
  }
}
