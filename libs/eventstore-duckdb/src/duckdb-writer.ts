import { LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { Checkpoint } from '@soc/eventstore';
import type { SerializedBatch } from './duckdb-batch';
import { EventIndexer } from './duckdb-indexer';
import type { ShapeRow, ShapeTree } from './duckdb-shapes';

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

/**
 * A row ready for the appender; built before taking the writer's turn so JS work overlaps DB
 * work. It holds only strings and numbers: the parsed event dies young (cheap scavenge) instead
 * of surviving the wait for the writer's turn and being promoted to the old generation.
 */
interface PreparedRow {
  id: string;
  tenantId: string;
  time: number;
  classUid: number;
  source: string;
  categoryUid: number | undefined;
  severityId: number | undefined;
  activityId: number | undefined;
  typeUid: number | undefined;
  ips: string | null;
  json: string;
  raw: string | null;
}

function appendRow(a: DuckDBAppender, row: PreparedRow, legacyText: boolean): void {
  a.appendVarchar(row.id);
  a.appendVarchar(row.tenantId);
  a.appendBigInt(BigInt(row.time));
  a.appendInteger(row.classUid);
  appendOptional(a, row.categoryUid);
  appendOptional(a, row.severityId);
  appendOptional(a, row.activityId);
  appendOptional(a, row.typeUid, true);
  a.appendVarchar(row.source);
  if (legacyText) a.appendVarchar('');
  appendNullable(a, row.ips);
  a.appendVarchar(row.json);
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

/** Statements every batch runs, prepared once: parsing and planning them per batch cost more than running them. */
interface Statements {
  begin: DuckDBPreparedStatement;
  commit: DuckDBPreparedStatement;
  existingIds: DuckDBPreparedStatement;
  upsertCheckpoint: DuckDBPreparedStatement;
}

async function prepareStatements(conn: DuckDBConnection): Promise<Statements> {
  return {
    begin: await conn.prepare('BEGIN TRANSACTION'),
    commit: await conn.prepare('COMMIT'),
    existingIds: await conn.prepare(EXISTING_IDS),
    upsertCheckpoint: await conn.prepare(UPSERT_CHECKPOINT),
  };
}

/** The single writer: serializes appends on one connection, each in one transaction. */
export class DuckDbWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly indexer: EventIndexer;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly shapes: ShapeTree,
    private readonly sql: Statements,
    /** Newest event time stored; a batch entirely newer cannot hold a stored id. */
    private maxTime: number,
    /** The file has the free-text column of the earlier layout (see LEGACY_TEXT_COLUMN). */
    private readonly legacyText: boolean,
  ) {
    this.indexer = new EventIndexer(shapes);
  }

  /** `legacyText`: the file has the free-text column of the earlier layout (see LEGACY_TEXT_COLUMN). */
  static async create(conn: DuckDBConnection, shapes: ShapeTree, legacyText: boolean): Promise<DuckDbWriter> {
    const rows = (await conn.runAndReadAll('SELECT max(time) FROM events')).getRows();
    const max = rows[0]?.[0];
    return new DuckDbWriter(conn, shapes, await prepareStatements(conn), max === null || max === undefined ? -Infinity : Number(max), legacyText);
  }

  /**
   * Queues the append behind any in flight, so callers may call concurrently; rows are
   * indexed now, so a caller with two appends in flight overlaps JS work with DuckDB's.
   * `objects` are the events already parsed (calling-thread mode); otherwise each event's JSON
   * is parsed here for the walk.
   */
  append(batch: SerializedBatch, checkpoints: readonly Checkpoint[], objects?: readonly Record<string, unknown>[]): Promise<void> {
    const rows: PreparedRow[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < batch.ids.length; i++) {
      const id = batch.ids[i] as string;
      // First occurrence of each id wins within one batch.
      if (seen.has(id)) continue;
      seen.add(id);
      rows.push(this.prepare(batch, i, objects?.[i]));
    }
    const run = this.tail.then(() => this.appendNow(rows, checkpoints));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued append has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private prepare(b: SerializedBatch, i: number, object: Record<string, unknown> | undefined): PreparedRow {
    const json = b.events[i] as string;
    const event = object ?? (JSON.parse(json) as Record<string, unknown>);
    const idx = this.indexer.index(event);
    const row = { id: b.ids[i] as string, tenantId: b.tenants[i] as string, time: b.times[i] as number, classUid: b.classUids[i] as number };
    return {
      ...row, source: b.sources[i] as string, ips: idx.ips, json, raw: b.raws[i] ?? null,
      categoryUid: optInt(event['category_uid']), severityId: optInt(event['severity_id']), activityId: optInt(event['activity_id']), typeUid: optInt(event['type_uid']),
    };
  }

  private async appendNow(rows: readonly PreparedRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    // Shapes first seen by any prepared batch (this one or one queued behind it) commit here.
    const shapes = this.shapes.pending();
    const shapeCount = shapes.length;
    await this.sql.begin.run();
    let batchMax = -Infinity;
    try {
      if (rows.length > 0) batchMax = await this.insertEvents(rows);
      if (shapeCount > 0) await this.insertShapes(shapes.slice(0, shapeCount));
      for (const c of checkpoints) {
        this.sql.upsertCheckpoint.bind({ consumer: c.consumer, topic: c.topic, part: c.partition, next: BigInt(c.nextOffset) });
        await this.sql.upsertCheckpoint.run();
      }
      await this.sql.commit.run();
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
    for (const { time } of rows) {
      if (time < lo) lo = time;
      if (time > hi) hi = time;
    }
    const existing = lo > this.maxTime ? undefined : await this.existingIds(rows, lo, hi);
    const appender = await this.conn.createAppender('events');
    try {
      for (const row of rows) if (existing === undefined || !existing.has(row.id)) appendRow(appender, row, this.legacyText);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return hi;
  }

  private async existingIds(rows: readonly PreparedRow[], lo: number, hi: number): Promise<Set<string>> {
    const ids = listValue(rows.map((r) => r.id));
    this.sql.existingIds.bind({ lo: BigInt(lo), hi: BigInt(hi), ids }, { ids: LIST(VARCHAR) });
    const reader = await this.sql.existingIds.runAndReadAll();
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
