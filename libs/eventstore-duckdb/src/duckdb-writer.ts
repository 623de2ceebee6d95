import { LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { Checkpoint, LakeRow } from '@soc/eventstore';
import { ShapeWalker } from './duckdb-indexer';
import { StoredIds } from './stored-ids';
import type { ShapeRow, ShapeTree } from './duckdb-shapes';

function appendOptional(a: DuckDBAppender, v: number | undefined, big = false): void {
  if (v === undefined) a.appendNull();
  else if (big) a.appendBigInt(BigInt(v));
  else a.appendInteger(v);
}

function appendNullable(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

function appendRow(a: DuckDBAppender, row: LakeRow, legacyText: boolean): void {
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
 * Which of some ids are already stored. Asked only for ids the StoredIds filter may hold (a
 * repeat or a rare false positive), and bounded to their time span (ids are deterministic from
 * content, so a replayed event carries the same time), which lets zone maps skip row groups
 * outside it.
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
  private readonly walker: ShapeWalker;
  /** Stored-id lookups run in DuckDB (batches with an id the filter may hold), for tests and tuning. */
  lookups = 0;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly shapes: ShapeTree,
    private readonly sql: Statements,
    /** A superset of the stored ids (ids of rolled-back appends stay in it, harmlessly). */
    private readonly stored: StoredIds,
    /** The file has the free-text column of the earlier layout (see LEGACY_TEXT_COLUMN). */
    private readonly legacyText: boolean,
  ) {
    this.walker = new ShapeWalker(shapes);
  }

  /** `legacyText`: the file has the free-text column of the earlier layout (see LEGACY_TEXT_COLUMN). */
  static async create(conn: DuckDBConnection, shapes: ShapeTree, legacyText: boolean): Promise<DuckDbWriter> {
    return new DuckDbWriter(conn, shapes, await prepareStatements(conn), await loadStoredIds(conn), legacyText);
  }

  /**
   * Queues the append behind any in flight, so callers may call concurrently; shapes are
   * registered now (walking only events of a structure not seen before), so a caller with two
   * appends in flight overlaps JS work with DuckDB's.
   */
  append(batch: readonly LakeRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    const rows: LakeRow[] = [];
    const seen = new Set<string>();
    for (const row of batch) {
      // First occurrence of each id wins within one batch.
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (this.walker.needs(row.shape)) this.walker.walk(row.object ?? (JSON.parse(row.json) as Record<string, unknown>), row.shape);
      rows.push(row);
    }
    const run = this.tail.then(() => this.appendNow(rows, checkpoints));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued append has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private async appendNow(rows: readonly LakeRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    // Shapes first seen by any prepared batch (this one or one queued behind it) commit here.
    const shapes = this.shapes.pending();
    const shapeCount = shapes.length;
    await this.sql.begin.run();
    try {
      if (rows.length > 0) await this.insertEvents(rows);
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
  }

  /** Appends the rows whose id is not stored yet. */
  private async insertEvents(rows: readonly LakeRow[]): Promise<void> {
    const maybe = rows.filter((r) => this.stored.mayContain(r.id));
    const existing = maybe.length === 0 ? undefined : await this.existingIds(maybe);
    const appender = await this.conn.createAppender('events');
    try {
      for (const row of rows) {
        if (existing?.has(row.id)) continue;
        appendRow(appender, row, this.legacyText);
        this.stored.add(row.id);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private async existingIds(rows: readonly LakeRow[]): Promise<Set<string>> {
    this.lookups++;
    let lo = Infinity;
    let hi = -Infinity;
    for (const { time } of rows) {
      if (time < lo) lo = time;
      if (time > hi) hi = time;
    }
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

/** The filter of every id stored, read in chunks so a large table is never materialized at once. */
async function loadStoredIds(conn: DuckDBConnection): Promise<StoredIds> {
  const stored = new StoredIds();
  const result = await conn.stream('SELECT id FROM events');
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const id of chunk.getColumnValues(0)) stored.add(String(id));
  }
  return stored;
}
