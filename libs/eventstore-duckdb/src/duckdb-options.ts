/** Options of `DuckDbEventStore.open`. */
export interface DuckDbEventStoreOptions {
  /** Database file (created if missing), or ':memory:'. */
  path: string;
  /** Signs paging cursors; share it across processes serving the same clients. Random if omitted. */
  cursorSecret?: string | Uint8Array;
  /**
   * DuckDB's memory ceiling (buffer pool, including the pages of a file larger than memory),
   * e.g. '256MB' (the default) or '2GB'. The lake shares one process with the whole embedded
   * stack, so it must not grow with the data. Measured: the process RSS the store adds levels
   * off near this limit plus ~150 MB (allocator and thread overhead DuckDB does not count).
   */
  memoryLimit?: string;
  /** DuckDB worker threads (default: DuckDB's choice, the number of cores). */
  threads?: number;
  /**
   * Run DuckDB and the per-event indexing on a worker thread (default true). The calling
   * thread then only serializes each batch once (`JSON.stringify`) and hands it over; the
   * walk, appender and commit happen on the worker, so a pipeline sharing one main thread
   * keeps its time for the other stages. `false` runs everything on the calling thread.
   */
  offThread?: boolean;
  /** Extra DuckDB configuration, applied last (e.g. `{ checkpoint_threshold: '1GB' }`). */
  duckdbConfig?: Record<string, string>;
  /**
   * When an append is durable. `commit` (default): before it resolves, through DuckDB's
   * write-ahead log. `checkpoint`: at the next checkpoint of the file, which the store takes
   * every `checkpointBytes` of appended events, every `checkpointIntervalMs` while there is
   * something to save, and on close; an append is searchable as soon as it resolves either way.
   * A crash then loses the appends since the last checkpoint together with the consumer
   * checkpoints stored with them, so this is for a writer whose input is replayable from those
   * checkpoints (the lake service reading the durable bus): it skips the WAL, which wrote every
   * event a second time and cost a quarter of DuckDB's CPU per row.
   */
  durability?: 'commit' | 'checkpoint';
  /** With `durability: 'checkpoint'`: characters of event JSON and raw_data appended between checkpoints (default 64 MB). */
  checkpointBytes?: number;
  /** With `durability: 'checkpoint'`: longest time unsaved appends wait for a checkpoint (default 10 s). */
  checkpointIntervalMs?: number;
}

/** Defaults of the checkpoint policy of `durability: 'checkpoint'`. */
export const DEFAULT_CHECKPOINT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 10_000;

/** Default of {@link DuckDbEventStoreOptions.memoryLimit}. */
export const DEFAULT_DUCKDB_MEMORY_LIMIT = '256MB';
