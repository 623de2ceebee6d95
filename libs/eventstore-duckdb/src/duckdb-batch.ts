import * as eventstore from '@soc/eventstore';
import type { StoredEvent } from '@soc/eventstore';

// Bound once: compiled CommonJS reads an imported name through a getter on every use.
const { UNINDEXED_KEY } = eventstore;

/**
 * A batch of events as the writer consumes it: one JSON string per event (without `raw_data`,
 * which travels as is), in parallel arrays. Built once on the calling thread; crossing to the
 * lake worker it is a copy of plain strings and numbers, and the event JSON is stored exactly as
 * serialized here, never re-serialized.
 */
export interface SerializedBatch {
  ids: string[];
  tenants: string[];
  times: number[];
  classUids: number[];
  sources: string[];
  /** Event JSON without a string `raw_data`. */
  events: string[];
  /** The event's `raw_data` when it is a string, else null. */
  raws: (string | null)[];
}

/** Serializes events for the writer; `raw_data` is kept out of the JSON (no escaping, no parsing). */
export function serializeBatch(events: readonly StoredEvent[]): SerializedBatch {
  const b: SerializedBatch = { ids: [], tenants: [], times: [], classUids: [], sources: [], events: [], raws: [] };
  for (const e of events) {
    b.ids.push(e.id);
    b.tenants.push(e.tenantId);
    b.times.push(e.time);
    b.classUids.push(e.classUid);
    b.sources.push(e.source);
    const raw = e.event[UNINDEXED_KEY];
    if (typeof raw === 'string') {
      const { [UNINDEXED_KEY]: _raw, ...rest } = e.event;
      b.events.push(JSON.stringify(rest));
      b.raws.push(raw);
    } else {
      b.events.push(JSON.stringify(e.event));
      b.raws.push(null);
    }
  }
  return b;
}
