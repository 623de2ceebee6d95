import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  appendedResult,
  CursorCodec,
  assertStoredEvents,
  LakeIndexer,
  countRowsBySource,
  lakeRowsOf,
  rowOf,
  type LakeMessage,
  type LakeRow,
  type EncodedAppendResult,
  fillHistogram,
  keysetPredicate,
  storeClosed,
  parseAggregateQuery,
  parseSearchQuery,
  type AggregateQuery,
  type AggregateResult,
  type Checkpoint,
  type EventHit,
  type EventStore,
  type ParsedAggregate,
  type SearchQuery,
  type SearchResult,
  type StoredEvent,
  runAggregate,
  cutPage,
} from '@soc/eventstore';
import { DuckDbParams } from './duckdb-params';
import { DEFAULT_CHECKPOINT_BYTES, DEFAULT_CHECKPOINT_INTERVAL_MS, DEFAULT_DUCKDB_MEMORY_LIMIT, type DuckDbEventStoreOptions } from './duckdb-options';
import { CREATE_CHECKPOINTS, CREATE_EVENTS, CREATE_SHAPES, LEGACY_TEXT_COLUMN } from './duckdb-schema';
import { ShapeTree } from './duckdb-shapes';
import { PROMOTED_COLUMNS, valuesExpr, whereClause } from './duckdb-sql';
import { type CheckpointPolicy, DuckDbWriter } from './duckdb-writer';
import { assertCurrentLayout } from './duckdb-layout';

/**
 * DuckDB settings of the lake, measured by appending the same 60k events ten times over
 * (600k rows, batches of 2,000, hinted messages):
 * - `max_vacuum_tasks` 0: vacuum compacts row groups after deletes, and the lake never
 *   deletes. With it on, every third checkpoint also rewrote earlier row groups and stalled
 *   the writer for 8.6 s at 320k rows and 13.2 s at 560k, and the file ended 45% larger.
 * - `checkpoint_threshold` 64 MB: DuckDB checkpoints inside the commit that crosses it, so
 *   the writer (and every event's way to searchable) waits for it, and its cost follows the
 *   WAL size: 256 MB cost 1.2 to 2.1 s per checkpoint; at 64 MB the slowest batch took 0.35
 *   to 0.74 s, for about the same total. DuckDB's 16 MB default checkpoints every few
 *   batches, which more than tripled commit time.
 * A checkpoint on a connection of its own does not help: the writer's appender then waits
 * for it, synchronously, on the lake's thread.
 */
const DEFAULT_CONFIG: Record<string, string> = { checkpoint_threshold: '64MB', max_vacuum_tasks: '0' };

export function duckdbConfig(opts: DuckDbEventStoreOptions): Record<string, string> {
  const config: Record<string, string> = { ...DEFAULT_CONFIG, memory_limit: opts.memoryLimit ?? DEFAULT_DUCKDB_MEMORY_LIMIT };
  if (opts.threads !== undefined) config['threads'] = String(opts.threads);
  // The instance of an attached file is in memory, whose spill directory would be the
  // working directory's `.tmp`: keep DuckDB's default for a file, next to it.
  if (attachesFile(opts)) config['temp_directory'] = `${opts.path}.tmp`;
  return { ...config, ...opts.duckdbConfig };
}

/**
 * Name the lake file is attached under with `durability: 'checkpoint'`. The WAL can only be
 * turned off per attached database (`RECOVERY_MODE no_wal_writes`), so the instance is in
 * memory, the file is attached, and every connection makes it its default (`USE`).
 */
const LAKE_CATALOG = 'lake';

const attachesFile = (opts: DuckDbEventStoreOptions): boolean => opts.durability === 'checkpoint' && opts.path !== ':memory:';

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

function checkpointPolicy(opts: DuckDbEventStoreOptions): CheckpointPolicy | undefined {
  if (!attachesFile(opts)) return undefined;
  return { bytes: opts.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES, intervalMs: opts.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS, now: Date.now };
}

function withRawData(eventJson: unknown, raw: unknown): Record<string, unknown> {
  const event = JSON.parse(String(eventJson)) as Record<string, unknown>;
  if (typeof raw === 'string') event['raw_data'] = raw;
  return event;
}

const sortExpr = (field: string): string => (field === 'id' || field === 'time' ? field : `coalesce(${PROMOTED_COLUMNS[field] ?? 'NULL'}, -1)`);
const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));

/**
 * The embedded event lake on DuckDB, running on the calling thread (see DuckDbEventStore for
 * the off-thread default). One writer connection (appends are serialized, each one
 * transaction with its checkpoints); every search and aggregate runs on its own read
 * connection, so reads see committed snapshots and never wait for the writer's lock.
 * Durability: by default a commit is in DuckDB's WAL before `append` resolves, so it survives
 * SIGKILL; with `durability: 'checkpoint'` the file is written without a WAL and the writer
 * checkpoints it (see DuckDbEventStoreOptions.durability).
 */
export class DuckDbLake implements EventStore {
  private closed = false;
  private readonly indexer = new LakeIndexer();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writerConn: DuckDBConnection,
    private readonly writer: DuckDbWriter,
    private readonly cursors: CursorCodec,
    private readonly shapes: ShapeTree,
    /** The file is attached under LAKE_CATALOG (durability 'checkpoint'). */
    private readonly attached: boolean,
  ) {}

  /** Opens (creating if needed) the store at `path`. */
  static async open(opts: DuckDbEventStoreOptions): Promise<DuckDbLake> {
    const attached = attachesFile(opts);
    const instance = await DuckDBInstance.create(attached ? ':memory:' : opts.path, duckdbConfig(opts));
    const conn = await instance.connect();
    try {
      if (attached) {
        // An existing WAL (a file last written with durability 'commit') is still replayed.
        await conn.run(`ATTACH ${sqlString(opts.path)} AS ${LAKE_CATALOG} (RECOVERY_MODE no_wal_writes)`);
        await conn.run(`USE ${LAKE_CATALOG}`);
      }
      await conn.run(CREATE_EVENTS);
      const columns = await assertCurrentLayout(conn, opts.path);
      await conn.run(CREATE_SHAPES);
      await conn.run(CREATE_CHECKPOINTS);
      const shapes = new ShapeTree();
      const rows = (await conn.runAndReadAll('SELECT path, kind FROM shapes')).getRows();
      shapes.load(rows.map((r) => ({ path: String(r[0]), kind: String(r[1]) })));
      const writer = await DuckDbWriter.create(conn, shapes, columns.has(LEGACY_TEXT_COLUMN), checkpointPolicy(opts));
      return new DuckDbLake(instance, conn, writer, new CursorCodec(opts.cursorSecret), shapes, attached);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
  }

  async append(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[] = []): Promise<void> {
    this.assertOpen();
    assertStoredEvents(events, checkpoints);
    await this.writer.append(events.map((e) => rowOf(e, this.indexer)), checkpoints);
  }

  async appendEncoded(messages: readonly LakeMessage[], checkpoints: readonly Checkpoint[] = []): Promise<EncodedAppendResult> {
    this.assertOpen();
    const { rows, rejected, oldestIngestedAt } = lakeRowsOf(messages, this.indexer);
    if (rejected.length > 0) return { rejected, accepted: {} };
    assertStoredEvents([], checkpoints);
    await this.writer.append(rows, checkpoints);
    return appendedResult(countRowsBySource(rows), oldestIngestedAt);
  }

  /** Append of rows already checked and indexed on another thread (see duckdb-worker-main.ts). */
  async appendRows(rows: readonly LakeRow[], checkpoints: readonly Checkpoint[]): Promise<void> {
    this.assertOpen();
    await this.writer.append(rows, checkpoints);
  }

  async checkpoint(consumer: string, topic: string, partition: number): Promise<number | undefined> {
    const rows = await this.read('SELECT next_offset FROM checkpoints WHERE consumer = $c AND topic = $t AND part = $p', {
      values: { c: consumer, t: topic, p: partition },
      types: {},
    });
    return rows[0] ? num(rows[0][0]) : undefined;
  }

  async search(tenantId: string, query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const q = parseSearchQuery(query);
    const pos = this.cursors.decode(tenantId, q);
    const p = new DuckDbParams();
    let where = whereClause(tenantId, q, p, this.shapes);
    if (pos) where += ` AND ${keysetPredicate(q.sort, pos, sortExpr, (v) => p.add(typeof v === 'number' ? BigInt(v) : v))}`;
    const idOrder = q.sort[q.sort.length - 1]?.order ?? 'desc';
    const orderBy = [...q.sort.map((s) => `${sortExpr(s.field)} ${s.order.toUpperCase()}`), `id ${idOrder.toUpperCase()}`].join(', ');
    const sortCols = q.sort.map((s) => sortExpr(s.field)).join(', ');
    const sql = `SELECT id, time, class_uid, source, event, raw_data, ${sortCols} FROM events WHERE ${where} ORDER BY ${orderBy} LIMIT ${q.limit + 1}`;
    const rows = await this.read(sql, p);
    const { page, more } = cutPage(rows, q.limit, (r) => String(r[4]).length + (r[5] == null ? 0 : String(r[5]).length));
    const events: EventHit[] = page.map((r) => ({
      id: String(r[0]),
      time: new Date(num(r[1])).toISOString(),
      classUid: num(r[2]),
      source: String(r[3]),
      event: withRawData(r[4], r[5]),
    }));
    const result: SearchResult = { events, tookMs: 0 };
    const last = page[page.length - 1];
    if (more && last) {
      result.nextCursor = this.cursors.encode(tenantId, q, { values: q.sort.map((_, i) => num(last[6 + i])), id: String(last[0]) });
    }
    result.tookMs = Math.round((performance.now() - started) * 100) / 100;
    return result;
  }

  async aggregate(tenantId: string, query: AggregateQuery): Promise<AggregateResult> {
    return runAggregate(parseAggregateQuery(query), {
      count: (q) => this.count(tenantId, q),
      groupBy: (q, g) => this.groupBy(tenantId, q, g),
      histogram: (q, ms) => this.histogram(tenantId, q, ms),
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.writer.close();
    } finally {
      this.writerConn.closeSync();
      this.instance.closeSync();
    }
  }

  private async count(tenantId: string, q: ParsedAggregate): Promise<number> {
    const p = new DuckDbParams();
    const rows = await this.read(`SELECT count(*) FROM events WHERE ${whereClause(tenantId, q, p, this.shapes)}`, p);
    return num(rows[0]?.[0] ?? 0);
  }

  private async groupBy(tenantId: string, q: ParsedAggregate, g: { field: string; limit: number }): Promise<{ key: string; count: number }[]> {
    const p = new DuckDbParams();
    const col = PROMOTED_COLUMNS[g.field];
    const keys = col
      ? `SELECT CAST(${col} AS VARCHAR) AS k FROM events WHERE ${whereClause(tenantId, q, p, this.shapes)} AND ${col} IS NOT NULL`
      : `SELECT unnest(list_distinct(${valuesExpr(g.field, this.shapes)})) AS k FROM events WHERE ${whereClause(tenantId, q, p, this.shapes)}`;
    const sql = `SELECT k, count(*) AS n FROM (${keys}) GROUP BY k ORDER BY n DESC, k ASC LIMIT ${g.limit}`;
    return (await this.read(sql, p)).map((r) => ({ key: String(r[0]), count: num(r[1]) }));
  }

  private async histogram(tenantId: string, q: ParsedAggregate, intervalMs: number): Promise<{ start: string; count: number }[]> {
    const p = new DuckDbParams();
    const iv = p.add(BigInt(intervalMs));
    const sql = `SELECT (time // ${iv}) * ${iv} AS b, count(*) FROM events WHERE ${whereClause(tenantId, q, p, this.shapes)} GROUP BY b`;
    const counts = new Map<number, number>((await this.read(sql, p)).map((r) => [num(r[0]), num(r[1])]));
    return fillHistogram(q, intervalMs, counts);
  }

  /** Runs a read on a fresh connection: reads see the last committed snapshot, concurrently with the writer. */
  private async read(sql: string, p: Pick<DuckDbParams, 'values' | 'types'>): Promise<unknown[][]> {
    this.assertOpen();
    const conn = await this.instance.connect();
    try {
      if (this.attached) await conn.run(`USE ${LAKE_CATALOG}`);
      const reader = await conn.runAndReadAll(sql, p.values, p.types);
      return reader.getRows() as unknown[][];
    } finally {
      conn.closeSync();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw storeClosed();
  }
}
