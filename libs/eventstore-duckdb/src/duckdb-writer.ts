import { LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import * as eventstore from '@soc/eventstore';
import type { Checkpoint, StoredEvent } from '@soc/eventstore';
import { EventIndexer } from './duckdb-indexer';
import type { ShapeRow, ShapeTree } from './duckdb-shapes';

// Bound once: compiled CommonJS reads an imported name through a getter on every use.
const { UNINDEXED_KEY } = eventstore;

const optInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

function appendOptional(a: DuckDBAppender, v: number | undefined, big = false): void {
  if (v === undefined) a.appendNull();
  else if (big) a.appendBigInt(BigInt(v));
  else a.appendInteger(v);
}

function appendNullable(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

/** A row ready for the appender; built before taking the writer's turn so JS work overlaps DB work. */
interface PreparedRow {
  e: StoredEvent;
  text: string;
  ips: string | null;
  event: string;
  raw: string | null;
}

/** The event JSON without a string `raw_data`, which goes to its own column. */
function splitRaw(event: Record<string, unknown>): { json: string; raw: string | null } {
  const raw = event[UNINDEXED_KEY];
  if (typeof raw !== 'string') return { json: JSON.stringify(event), raw: null };
  const { [UNINDEXED_KEY]: _raw, ...rest } = event;
  return { json: JSON.stringify(rest), raw };
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
  appendNullable(a, row.ips);
  a.appendVarchar(row.event);
  appendNullable(a, row.raw);
  a.endRow();
}

/**
 * Ids of the batch already stored. Bounded to the batch's time span (ids are deterministic from
 * content, so a replayed event carries the same time), which lets zone maps skip every row
 * group outside it: the cost tracks the batch, not the table.
 */
const EXISTING_IDS = `
SELECT id FROM events
WHERE time BETWEEN $lo AND $hi AND id IN (SELECT unnest($ids))`;

const UPSERT_CHECKPOINT = `
INSERT INTO checkpoints VALUES ($consumer, $topic, $part, $next)
ON CONFLICT (consumer, topic, part) DO UPDATE SET next_offset = excluded.next_offset`;

const INSERT_SHAPES = `
INSERT INTO shapes SELECT unnest($paths), unnest($kinds)
ON CONFLICT DO NOTHING`;

/** The single writer: serializes appends on one connection, each in one transaction. */
export class DuckDbWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly indexer: EventIndexer;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly shapes: ShapeTree,
    /** Newest event time stored; a batch entirely newer cannot hold a stored id. */
    private maxTime: number,
  ) {
    this.indexer = new EventIndexer(shapes);
  }

  static async create(conn: DuckDBConnection, shapes: ShapeTree): Promise<DuckDbWriter> {
    const rows = (await conn.runAndReadAll('SELECT max(time) FROM events')).getRows();
    const max = rows[0]?.[0];
    return new DuckDbWriter(conn, shapes, max === null || max === undefined ? -Infinity : Number(max));
  }

  /**
   * Queues the append behind any in flight, so callers may call concurrently; rows are
   * serialized now, so a caller with two appends in flight overlaps JS work with DuckDB's.
   */
  append(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[]): Promise<void> {
    const rows = dedupeBatch(events).map((e) => this.prepare(e));
    const run = this.tail.then(() => this.appendNow(rows, checkpoints));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued append has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private prepare(e: StoredEvent): PreparedRow {
    const idx = this.indexer.index(e.event);
    const { json, raw } = splitRaw(e.event);
    return { e, text: idx.text, ips: idx.ips, event: json, raw };
  }

  private async appendNow(rows: readonly PreparedRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    // Shapes first seen by any prepared batch (this one or one queued behind it) commit here.
    const shapes = this.shapes.pending();
    const shapeCount = shapes.length;
    await this.conn.run('BEGIN TRANSACTION');
    let batchMax = -Infinity;
    try {
      if (rows.length > 0) batchMax = await this.insertEvents(rows);
      if (shapeCount > 0) await this.insertShapes(shapes.slice(0, shapeCount));
      for (const c of checkpoints) {
        await this.conn.run(UPSERT_CHECKPOINT, { consumer: c.consumer, topic: c.topic, part: c.partition, next: BigInt(c.nextOffset) });
      }
      await this.conn.run('COMMIT');
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.shapes.saved(shapeCount);
    if (batchMax > this.maxTime) this.maxTime = batchMax;
  }

  /** Appends the rows whose id is not stored yet; returns the batch's newest time. */
  private async insertEvents(rows: readonly PreparedRow[]): Promise<number> {
    let lo = Infinity;
    let hi = -Infinity;
    for (const { e } of rows) {
      if (e.time < lo) lo = e.time;
      if (e.time > hi) hi = e.time;
    }
    const existing = lo > this.maxTime ? undefined : await this.existingIds(rows, lo, hi);
    const appender = await this.conn.createAppender('events');
    try {
      for (const row of rows) if (existing === undefined || !existing.has(row.e.id)) appendRow(appender, row);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return hi;
  }

  private async existingIds(rows: readonly PreparedRow[], lo: number, hi: number): Promise<Set<string>> {
    const ids = listValue(rows.map((r) => r.e.id));
    const reader = await this.conn.runAndReadAll(EXISTING_IDS, { lo: BigInt(lo), hi: BigInt(hi), ids }, { ids: LIST(VARCHAR) });
    return new Set(reader.getRows().map((r) => String(r[0])));
  }

  private async insertShapes(rows: readonly ShapeRow[]): Promise<void> {
    await this.conn.run(
      INSERT_SHAPES,
      { paths: listValue(rows.map((r) => r.path)), kinds: listValue(rows.map((r) => r.kind)) },
      { paths: LIST(VARCHAR), kinds: LIST(VARCHAR) },
    );
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
