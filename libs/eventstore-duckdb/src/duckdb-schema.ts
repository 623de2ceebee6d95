/**
 * Event table: promoted OCSF columns for fast filters and sorts, the flattened field map
 * (`fields`, JSON path -> values) that gives every adapter the same array semantics, a
 * lowercased free-text haystack, and the full event. No primary key: uniqueness is enforced
 * by the writer's batch anti-join (see duckdb-writer.ts), which stays fast at millions of rows.
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
  search_text VARCHAR NOT NULL,
  fields JSON NOT NULL,
  event JSON NOT NULL
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

/** Per-connection staging table the appender fills before the deduplicating insert. */
export const CREATE_STAGING = `
CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT * FROM events WITH NO DATA`;

/** Column order shared by the staging appender. */
export const EVENT_COLUMNS = [
  'id', 'tenant_id', 'time', 'class_uid', 'category_uid', 'severity_id', 'activity_id', 'type_uid', 'source', 'search_text', 'fields', 'event',
] as const;
