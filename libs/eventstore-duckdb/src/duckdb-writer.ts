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

/**
 * A checkpoint is an UPDATE, and an INSERT only when no row was there yet (a partition's first
 * commit): `INSERT ... ON CONFLICT DO UPDATE` cost 2.2 ms of CPU a commit against 0.9 ms for
 * the UPDATE (DuckDB 1.5, a commit of 10 rows, this repository's machine), and the lake commits
 * a few dozen times a second.
 */
const UPDATE_CHECKPOINT = `
UPDATE checkpoints SET next_offset = $next WHERE consumer = $consumer AND topic = $topic AND part = $part`;

const INSERT_CHECKPOINT = `INSERT INTO checkpoints VALUES ($consumer, $topic, $part, $next)`;

const INSERT_SHAPES = `
INSERT INTO shapes SELECT unnest($paths), unnest($kinds)
ON CONFLICT DO NOTHING`;

/** Statements every batch runs, prepared once: parsing and planning them per batch cost more than running them. */
interface Statements {
  begin: DuckDBPreparedStatement;
  commit: DuckDBPreparedStatement;
  existingIds: DuckDBPreparedStatement;
  updateCheckpoint: DuckDBPreparedStatement;
  insertCheckpoint: DuckDBPreparedStatement;
}

async function prepareStatements(conn: DuckDBConnection): Promise<Statements> {
  return {
    begin: await conn.prepare('BEGIN TRANSACTION'),
    commit: await conn.prepare('COMMIT'),
    existingIds: await conn.prepare(EXISTING_IDS),
    updateCheckpoint: await conn.prepare(UPDATE_CHECKPOINT),
    insertCheckpoint: await conn.prepare(INSERT_CHECKPOINT),
  };
}

/**
 * When the writer checkpoints the file itself (the store's `durability: 'checkpoint'`, where
 * DuckDB writes no WAL): after `bytes` characters of events, or once unsaved appends are
 * `intervalMs` old. Without a policy every commit is durable through DuckDB's WAL.
 */
export interface CheckpointPolicy {
  bytes: number;
  intervalMs: number;
  now: () => number;
}

/** An append waiting for the writer. */
interface Queued {
  rows: LakeRow[];
  checkpoints: readonly Checkpoint[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Most rows one group commit takes. Appends queued behind a running commit are merged into
 * the next one up to this, which bounds a transaction's size (and so the memory and the time
 * a reader waits for it) when many callers queue at once.
 */
const MAX_GROUP_ROWS = 10_000;

/**
 * The single writer: serializes appends on one connection, each in one transaction. Appends
 * that queue while a commit runs go into the next commit together (group commit): each commit
 * has a fixed cost (about 1 ms of CPU for the transaction, the appender and the WAL sync, in
 * DuckDB 1.5 on this repository's machine) that small batches from several partitions would
 * otherwise pay one by one. Merging adds no wait: a commit starts as soon as the previous one ends.
 */
export class DuckDbWriter {
  private queue: Queued[] = [];
  private running: Promise<void> | undefined;
  private readonly walker: ShapeWalker;
  /** Stored-id lookups run in DuckDB (batches with an id the filter may hold), for tests and tuning. */
  lookups = 0;
  /** Transactions committed or attempted, for tests and tuning. */
  commits = 0;
  /** Checkpoints the writer took (with a CheckpointPolicy), for tests and tuning. */
  checkpoints = 0;
  /** Characters of events committed since the last checkpoint (with a CheckpointPolicy). */
  private unsaved = 0;
  private savedAt = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly shapes: ShapeTree,
    private readonly sql: Statements,
    /** A superset of the stored ids (ids of rolled-back appends stay in it, harmlessly). */
    private readonly stored: StoredIds,
    /** The file has the free-text column of the earlier layout (see LEGACY_TEXT_COLUMN). */
    private readonly legacyText: boolean,
    private readonly policy: CheckpointPolicy | undefined,
  ) {
    this.walker = new ShapeWalker(shapes);
    if (policy) {
      this.savedAt = policy.now();
      // Checks a few times per interval, so idle unsaved appends wait at most 1.25 intervals.
      this.timer = setInterval(() => this.saveIfIdleAndDue(), Math.max(1, Math.floor(policy.intervalMs / 4)));
      this.timer.unref();
    }
  }

  /**
   * `legacyText`: the file has the free-text column of the earlier layout (see
   * LEGACY_TEXT_COLUMN). `policy`: the writer checkpoints the file itself (no WAL).
   */
  static async create(conn: DuckDBConnection, shapes: ShapeTree, legacyText: boolean, policy?: CheckpointPolicy): Promise<DuckDbWriter> {
    return new DuckDbWriter(conn, shapes, await prepareStatements(conn), await loadStoredIds(conn), legacyText, policy);
  }

  /**
   * Queues the append, so callers may call concurrently; it resolves once committed. Shapes
   * are registered now (walking only events of a structure not seen before), so a caller with
   * two appends in flight overlaps JS work with DuckDB's.
   */
  append(batch: readonly LakeRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    const rows = uniqueRows(batch);
    for (const row of rows) if (this.walker.needs(row.shape)) this.walker.walk(row.object ?? (JSON.parse(row.json) as Record<string, unknown>), row.shape);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, checkpoints, resolve, reject });
      this.running ??= this.commitQueued();
    });
  }

  /** Resolves when every queued append has settled. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Settles every queued append, then (with a CheckpointPolicy) checkpoints what is unsaved. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.drain();
    if (this.policy && this.unsaved > 0) await this.saveFile();
  }

  private due(): boolean {
    const p = this.policy;
    return p !== undefined && this.unsaved > 0 && (this.unsaved >= p.bytes || p.now() - this.savedAt >= p.intervalMs);
  }

  private async saveFile(): Promise<void> {
    await this.conn.run('CHECKPOINT');
    this.checkpoints++;
    this.unsaved = 0;
    this.savedAt = this.policy?.now() ?? 0;
  }

  /**
   * The timer's checkpoint, when no append is running to take it. A failure is left for the
   * next append, which takes the overdue checkpoint first and fails with its error: unsaved
   * appends must not pile up in memory unnoticed.
   */
  private saveIfIdleAndDue(): void {
    if (this.running || !this.due()) return;
    this.running = this.saveFile()
      .catch(() => undefined)
      .finally(() => {
        this.running = this.queue.length > 0 ? this.commitQueued() : undefined;
      });
  }

  private async commitQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitGroup(this.takeGroup());
    } finally {
      this.running = undefined;
    }
  }

  /** The oldest queued appends, up to MAX_GROUP_ROWS rows (always at least one append). */
  private takeGroup(): Queued[] {
    let n = 0;
    let take = 0;
    for (const q of this.queue) {
      if (take > 0 && n + q.rows.length > MAX_GROUP_ROWS) break;
      n += q.rows.length;
      take++;
    }
    return this.queue.splice(0, take);
  }

  /**
   * Commits a group in one transaction. If that fails, each append is retried alone, so one
   * bad append cannot fail the others with it (they would be redelivered with it, and fail
   * again, for as long as it keeps failing).
   */
  private async commitGroup(group: readonly Queued[]): Promise<void> {
    if (group.length > 1) {
      try {
        await this.appendNow(
          uniqueRows(group.flatMap((q) => q.rows)),
          group.flatMap((q) => q.checkpoints),
        );
        for (const q of group) q.resolve();
        return;
      } catch {
        // Each alone below.
      }
    }
    for (const q of group) {
      try {
        await this.appendNow(q.rows, q.checkpoints);
        q.resolve();
      } catch (err) {
        q.reject(err);
      }
    }
  }

  private async appendNow(rows: readonly LakeRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    // An overdue checkpoint goes first; if it fails, so does this append (see saveIfIdleAndDue).
    if (this.due()) await this.saveFile();
    // Shapes first seen by any prepared batch (this one or one queued behind it) commit here.
    const shapes = this.shapes.pending();
    const shapeCount = shapes.length;
    this.commits++;
    await this.sql.begin.run();
    try {
      if (rows.length > 0) await this.insertEvents(rows);
      if (shapeCount > 0) await this.insertShapes(shapes.slice(0, shapeCount));
      for (const c of checkpoints) await this.saveCheckpoint(c);
      await this.sql.commit.run();
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.shapes.saved(shapeCount);
    if (this.policy) for (const r of rows) this.unsaved += r.json.length + (r.raw?.length ?? 0);
  }

  private async saveCheckpoint(c: Checkpoint): Promise<void> {
    const values = { consumer: c.consumer, topic: c.topic, part: c.partition, next: BigInt(c.nextOffset) };
    this.sql.updateCheckpoint.bind(values);
    if ((await this.sql.updateCheckpoint.run()).rowsChanged > 0) return;
    this.sql.insertCheckpoint.bind(values);
    await this.sql.insertCheckpoint.run();
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

/** The rows with the first occurrence of each id: the first wins within one transaction. */
function uniqueRows(batch: readonly LakeRow[]): LakeRow[] {
  const rows: LakeRow[] = [];
  const seen = new Set<string>();
  for (const row of batch) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    rows.push(row);
  }
  return rows;
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
