/**
 * Event table: promoted OCSF columns for fast filters and sorts, the hex forms of IP leaves (`ips`, JSON path -> hex list, for CIDR filters), the
 * event JSON without `raw_data`, and `raw_data` on its own (it is the largest value, is never
 * filtered, and stored apart it is neither escaped into the JSON nor parsed by JSON filters).
 * Other filters read the event JSON through the shape registry (duckdb-shapes.ts), and free
 * text reads it too (duckdb-sql.ts): a stored lowercased copy of every value cost a quarter of
 * the lake's CPU per event at write time, for a search that a scan of the JSON answers. No
 * primary key: uniqueness is enforced by the writer (see duckdb-writer.ts).
 *
 * `event` and `raw_data` are stored uncompressed. DuckDB otherwise analyzes every checkpointed
 * segment of them for dictionary and FSST compression (hashing and sample-compressing each
 * value of a few KB), and for this JSON it chose to compress little: appending 180k scenario
 * events (2,000-row transactions, checkpoint every 64 MB, no WAL, DuckDB 1.5.6) cost 29.9 and
 * 30.2 µs of CPU a row with the analysis against 23.8 and 24.5 without, for a file 2 to 4%
 * larger. The setting is kept in the file's catalog; files created before it keep analyzing.
 */
export const CREATE_EVENTS = `
CREATE TABLE IF NOT EXISTS events (
  id VARCHAR NOT NULL,
  tenant_id VARCHAR NOT NULL,
  time BIGINT NOT NULL,
  class_uid INTEGER NOT NULL,
  category_uid INTEGER,
  severity_id INTEGER,
  activity_id INTEGER,
  type_uid BIGINT,
  source VARCHAR NOT NULL,
  ips VARCHAR,
  event VARCHAR NOT NULL USING COMPRESSION uncompressed,
  raw_data VARCHAR USING COMPRESSION uncompressed
)`;

/** Paths seen in stored events and what they held; written in the same transaction as the events. */
export const CREATE_SHAPES = `
CREATE TABLE IF NOT EXISTS shapes (
  path VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  PRIMARY KEY (path, kind)
)`;

/** Consumer positions, written in the same transaction as the events they cover. */
export const CREATE_CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS checkpoints (
  consumer VARCHAR NOT NULL,
  topic VARCHAR NOT NULL,
  part INTEGER NOT NULL,
  next_offset BIGINT NOT NULL,
  PRIMARY KEY (consumer, topic, part)
)`;

/** Columns a file written by an earlier layout lacks; their absence means it must be rebuilt. */
export const REQUIRED_EVENT_COLUMNS = ['ips', 'event', 'raw_data'] as const;

/**
 * The free-text column of files written before free text read the event JSON. Such a file is
 * still written to (the column gets an empty string) and searched like any other.
 */
export const LEGACY_TEXT_COLUMN = 'search_text';
