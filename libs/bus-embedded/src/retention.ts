import type { Clock } from '@soc/contracts';
import type { BusLogger } from '@soc/bus';
import { allGroupOffsets } from './offset-store';
import type { PartitionLog } from './partition-log';
import type { TopicLog } from './topic-log';

/**
 * Retention policy of the embedded log. Only whole closed segments are deleted, oldest
 * first, and only when BOTH hold:
 *  - the segment is expired: older than `maxAgeMs` (its last record is no later than the first
 *    record of the next segment, and that is what is compared, so age is never underestimated),
 *    or the partition holds more than `maxBytes`;
 *  - every known group (an offsets file under `_offsets/`, or a live subscription) has
 *    committed past the segment's last offset. A registered group's unconsumed data is never
 *    deleted, even if that lets the log exceed `maxBytes`. With no group registered, expired
 *    segments go (like Kafka): a group that subscribes later starts at the oldest record left.
 * The active segment is never deleted.
 */
export interface RetentionPolicy {
  maxAgeMs?: number;
  /** Per partition. */
  maxBytes?: number;
  /** How often the bus enforces the policy by itself; off when unset (call enforceRetention()). */
  checkIntervalMs?: number;
}

/** What one retention pass removed. */
export interface RetentionResult {
  deletedSegments: number;
  deletedBytes: number;
}

/** Lowest committed offset per partition over every known group; undefined when none is known. */
async function committedFloor(dir: string, topic: TopicLog, live: ReadonlyArray<readonly number[]>): Promise<(number | undefined)[]> {
  const groups = await allGroupOffsets(dir, topic.name);
  return topic.partitions.map((_, p) => {
    let floor: number | undefined;
    const consider = (o: number): void => void (floor = floor === undefined ? o : Math.min(floor, o));
    // A group whose file lacks this partition has read none of it.
    for (const offsets of groups.values()) consider(offsets.get(p) ?? 0);
    for (const positions of live) consider(positions[p] ?? 0);
    return floor;
  });
}

async function enforcePartition(log: PartitionLog, floor: number | undefined, policy: RetentionPolicy, now: number): Promise<RetentionResult> {
  const result: RetentionResult = { deletedSegments: 0, deletedBytes: 0 };
  let bytes = log.bytes;
  for (const { segment, next, endOffset } of log.closedSegments()) {
    if (floor !== undefined && endOffset > floor) break;
    const nextFirst = await log.firstTimestamp(next);
    const byAge = policy.maxAgeMs !== undefined && nextFirst !== undefined && nextFirst <= now - policy.maxAgeMs;
    const bySize = policy.maxBytes !== undefined && bytes > policy.maxBytes;
    if (!byAge && !bySize) break;
    await log.deleteOldest();
    bytes -= segment.size;
    result.deletedSegments++;
    result.deletedBytes += segment.size;
  }
  return result;
}

/** Applies `policy` to one topic; `live` holds the positions of its running subscriptions. */
export async function enforceRetention(
  dir: string,
  topic: TopicLog,
  live: ReadonlyArray<readonly number[]>,
  policy: RetentionPolicy,
  clock: Clock,
  logger: BusLogger,
): Promise<RetentionResult> {
  const total: RetentionResult = { deletedSegments: 0, deletedBytes: 0 };
  if (policy.maxAgeMs === undefined && policy.maxBytes === undefined) return total;
  const floors = await committedFloor(dir, topic, live);
  for (let p = 0; p < topic.partitions.length; p++) {
    const r = await enforcePartition(topic.partition(p), floors[p], policy, clock.now());
    total.deletedSegments += r.deletedSegments;
    total.deletedBytes += r.deletedBytes;
  }
  if (total.deletedSegments > 0) logger.info({ topic: topic.name, ...total }, 'bus: retention deleted segments');
  return total;
}
