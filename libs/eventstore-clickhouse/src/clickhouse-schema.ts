/**
 * Events: ReplacingMergeTree keyed on (tenant_id, time, id). A replayed event has the same
 * id and time, so it lands on the same sorting key in the same monthly partition and merges
 * collapse it. Merges are eventual: until then duplicates exist on disk, so every read uses
 * FINAL, which deduplicates at query time (exact, at some read cost).
 */
export const CREATE_EVENTS = `
CREATE TABLE IF NOT EXISTS events (
  id String,
  tenant_id LowCardinality(String),
  time DateTime64(3, 'UTC'),
  class_uid UInt32,
  category_uid Nullable(UInt32),
  severity_id Nullable(UInt32),
  activity_id Nullable(UInt32),
  type_uid Nullable(UInt64),
  source LowCardinality(String),
  search_text String CODEC(ZSTD(3)),
  fields Map(String, Array(String)) CODEC(ZSTD(3)),
  event String CODEC(ZSTD(3))
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (tenant_id, time, id)`;

/**
 * Checkpoints: one row per write, the newest (by `written_at`) wins via argMax, so reads are
 * exact whether or not the ReplacingMergeTree has merged yet.
 */
export const CREATE_CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS checkpoints (
  consumer String,
  topic String,
  partition UInt32,
  next_offset UInt64,
  written_at DateTime64(6, 'UTC') DEFAULT now64(6)
) ENGINE = ReplacingMergeTree(written_at)
ORDER BY (consumer, topic, partition)`;
