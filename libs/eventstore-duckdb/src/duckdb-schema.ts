/**
 * Event table: promoted OCSF columns for fast filters and sorts, the hex forms of IP leaves (`ips`, JSON path -> hex list, for CIDR filters), the
 * event JSON without `raw_data`, and `raw_data` on its own (it is the largest value, is never
 * filtered, and stored apart it is neither escaped into the JSON nor parsed by JSON filters).
 * Other filters read the event JSON through the shape registry (duckdb-shapes.ts), and free
 * text reads it too (duckdb-sql.ts): a stored lowercased copy of every value cost a quarter of
 * the lake's CPU per event at write time, for a search that a scan of the JSON answers. No
 * primary key: uniqueness is enforced by the writer (see duckdb-writer.ts).
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
  event VARCHAR NOT NULL,
  raw_data VARCHAR
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
