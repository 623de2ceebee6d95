import { validation } from '@soc/errors';
import type { Checkpoint, StoredEvent } from './event-store';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

function eventProblem(e: StoredEvent): string | undefined {
  if (!isText(e.id, 256)) return 'id must be a non-empty string (<= 256 chars)';
  if (!isText(e.tenantId, 256)) return 'tenantId must be a non-empty string';
  if (!isInt(e.time)) return 'time must be integer ms since epoch';
  if (!isInt(e.classUid)) return 'classUid must be an integer';
  if (!isText(e.source, 256)) return 'source must be a non-empty string';
  if (e.event === null || typeof e.event !== 'object' || Array.isArray(e.event)) return 'event must be an object';
  return undefined;
}

/**
 * Rejects a malformed append as a whole (SOC_ERR_VALIDATION) before anything is written,
 * naming the first bad event or checkpoint, so no batch is ever half-stored or silently trimmed.
 */
export function assertStoredEvents(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[]): void {
  events.forEach((e, index) => {
    const problem = eventProblem(e);
    if (problem) throw validation(`event ${index}: ${problem}`, { index, id: typeof e.id === 'string' ? e.id : undefined });
  });
  checkpoints.forEach((c, index) => {
    if (!isText(c.consumer, 256) || !isText(c.topic, 256) || !isInt(c.partition) || c.partition < 0 || !isInt(c.nextOffset) || c.nextOffset < 0) {
      throw validation(`checkpoint ${index}: consumer/topic must be non-empty strings, partition and nextOffset non-negative integers`, { index });
    }
  });
}
