import type { EncodedAppendResult } from './encoded-messages';
import type { LakeMessage } from './lake-message';
import type { SearchQuery, SearchResult, AggregateQuery, AggregateResult } from './query';

/** One normalized event as stored in the lake. */
export interface StoredEvent {
  /** Deterministic id (equals the OCSF `metadata.uid`); a second write with the same id is a no-op. */
  id: string;
  tenantId: string;
  /** Event time (OCSF `time`), ms since epoch. */
  time: number;
  classUid: number;
  source: string;
  /** The full OCSF event object. */
  event: Record<string, unknown>;
}

/** A consumer position stored atomically with the events it covers. */
export interface Checkpoint {
  consumer: string;
  topic: string;
  partition: number;
  /** Next offset to read. */
  nextOffset: number;
}

/**
 * The event lake port: append-only storage of normalized events with tenant-scoped search.
 * Every read takes the tenant explicitly; an adapter must never return another tenant's rows.
 * Implemented by DuckDB (embedded) and ClickHouse (at scale).
 */
export interface EventStore {
  /**
   * Stores events and, in the same transaction, the consumer checkpoints, so a crash either
   * keeps both or neither. Events whose id already exists are skipped (idempotent).
   */
  append(events: readonly StoredEvent[], checkpoints?: readonly Checkpoint[]): Promise<void>;
  /**
   * Appends `events.ocsf` messages as they travel on the bus (envelope JSON text and headers),
   * decoding and checking them where the store does its work, so the consuming thread never
   * parses them. Messages with lake hints (lake-message.ts) are stored without a full parse.
   * All or nothing: when any message fails the envelope schema, nothing is written and the
   * rejections are returned, so the caller dead-letters them first and appends the rest.
   */
  appendEncoded(messages: readonly LakeMessage[], checkpoints?: readonly Checkpoint[]): Promise<EncodedAppendResult>;
  /** The stored next offset for a consumer's partition, if any. */
  checkpoint(consumer: string, topic: string, partition: number): Promise<number | undefined>;
  search(tenantId: string, query: SearchQuery): Promise<SearchResult>;
  aggregate(tenantId: string, query: AggregateQuery): Promise<AggregateResult>;
  close(): Promise<void>;
}
