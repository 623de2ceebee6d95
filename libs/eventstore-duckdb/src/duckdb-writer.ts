import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { flattenEvent, type Checkpoint, type StoredEvent } from '@soc/eventstore';
import { CREATE_STAGING } from './duckdb-schema';

const optInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

function appendOptional(a: DuckDBAppender, v: number | undefined, big = false): void {
  if (v === undefined) a.appendNull();
  else if (big) a.appendBigInt(BigInt(v));
  else a.appendInteger(v);
}

/** A row ready for the appender; built before taking the writer's turn so JS work overlaps DB work. */
interface PreparedRow {
  e: StoredEvent;
  text: string;
  fields: string;
  event: string;
}

function prepareRow(e: StoredEvent): PreparedRow {
  const flat = flattenEvent(e.event);
  return { e, text: flat.text, fields: JSON.stringify(flat.fields), event: JSON.stringify(e.event) };
}

function appendRow(a: DuckDBAppender, row: PreparedRow): void {
  const e = row.e;
  a.appendVarchar(e.id);
  a.appendVarchar(e.tenantId);
  a.appendBigInt(BigInt(e.time));
  a.appendInteger(e.classUid);
  appendOptional(a, optInt(e.event['category_uid']));
  appendOptional(a, optInt(e.event['severity_id']));
  appendOptional(a, optInt(e.event['activity_id']));
  appendOptional(a, optInt(e.event['type_uid']), true);
  a.appendVarchar(e.source);
  a.appendVarchar(row.text);
  a.appendVarchar(row.fields);
  a.appendVarchar(row.event);
  a.endRow();
}

/**
 * Idempotent insert: the batch goes to a temp staging table, then only ids not already in
 * `events` are copied over. The existence check is bounded to the batch's time span
 * (ids are deterministic from content, so a replayed event carries the same time), which
 * lets DuckDB's zone maps skip every row group outside it: the cost tracks the batch, not
 * the table. A PRIMARY KEY would do the same check through an in-memory ART index that
 * grows with the table and slows bulk inserts (see the bench's --pk mode).
 */
const INSERT_NEW = `
INSERT INTO events
SELECT s.* FROM staging s
WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.time BETWEEN $lo AND $hi AND e.id = s.id)`;

const UPSERT_CHECKPOINT = `
INSERT INTO checkpoints VALUES ($consumer, $topic, $part, $next)
ON CONFLICT (consumer, topic, part) DO UPDATE SET next_offset = excluded.next_offset`;

/** The single writer: serializes appends on one connection, each in one transaction. */
export class DuckDbWriter {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly conn: DuckDBConnection) {}

  static async create(conn: DuckDBConnection): Promise<DuckDbWriter> {
    await conn.run(CREATE_STAGING);
    return new DuckDbWriter(conn);
  }

  /**
   * Queues the append behind any in flight, so callers may call concurrently; rows are
   * serialized now, so a caller with two appends in flight overlaps JS work with DuckDB's.
   */
  append(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[]): Promise<void> {
    const rows = dedupeBatch(events).map(prepareRow);
    const run = this.tail.then(() => this.appendNow(rows, checkpoints));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued append has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private async appendNow(rows: readonly PreparedRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      if (rows.length > 0) await this.insertEvents(rows);
      for (const c of checkpoints) {
        await this.conn.run(UPSERT_CHECKPOINT, { consumer: c.consumer, topic: c.topic, part: c.partition, next: BigInt(c.nextOffset) });
      }
      await this.conn.run('COMMIT');
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async insertEvents(rows: readonly PreparedRow[]): Promise<void> {
    await this.conn.run('DELETE FROM staging');
    const appender = await this.conn.createAppender('staging');
    try {
      for (const row of rows) appendRow(appender, row);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const { e } of rows) {
      if (e.time < lo) lo = e.time;
      if (e.time > hi) hi = e.time;
    }
    await this.conn.run(INSERT_NEW, { lo: BigInt(lo), hi: BigInt(hi) });
  }
}

/** First occurrence of each id wins within one batch. */
function dedupeBatch(events: readonly StoredEvent[]): StoredEvent[] {
  const seen = new Set<string>();
  const out: StoredEvent[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}
