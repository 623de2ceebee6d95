import { createClient, type ClickHouseClient } from '@clickhouse/client';
import {
  CursorCodec,
  assertStoredEvents,
  fillHistogram,
  flattenEvent,
  keysetPredicate,
  parseAggregateQuery,
  parseSearchQuery,
  storeClosed,
  type AggregateQuery,
  type AggregateResult,
  type Checkpoint,
  type EventStore,
  type ParsedAggregate,
  type SearchQuery,
  type SearchResult,
  type StoredEvent,
  type EncodedAppendResult,
  decodeOcsfMessages,
  type LakeMessage,
  appendedResult,
  countBySource,
  runAggregate,
  cutPage,
} from '@soc/eventstore';
import { ClickHouseParams } from './clickhouse-params';
import { CREATE_CHECKPOINTS, CREATE_EVENTS } from './clickhouse-schema';
import { PROMOTED_COLUMNS, valuesExpr, whereClause } from './clickhouse-sql';

/** Connection settings of {@link ClickHouseEventStore.fromConfig}. */
export interface ClickHouseEventStoreConfig {
  url: string;
  username: string;
  password: string;
  database: string;
  /** Signs paging cursors; every replica serving the same clients needs the same one. Random if omitted. */
  cursorSecret?: string | Uint8Array;
}

const optInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const chTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const sortExpr = (field: string): string => (field === 'id' ? 'id' : field === 'time' ? 'toUnixTimestamp64Milli(time)' : `ifNull(${PROMOTED_COLUMNS[field] ?? 'NULL'}, -1)`);
const round = (ms: number): number => Math.round(ms * 100) / 100;

function toRow(e: StoredEvent): Record<string, unknown> {
  const flat = flattenEvent(e.event);
  return {
    id: e.id, tenant_id: e.tenantId, time: chTime(e.time), class_uid: e.classUid,
    category_uid: optInt(e.event['category_uid']), severity_id: optInt(e.event['severity_id']),
    activity_id: optInt(e.event['activity_id']), type_uid: optInt(e.event['type_uid']),
    source: e.source, search_text: flat.text, fields: flat.fields, event: JSON.stringify(e.event),
  };
}

/**
 * The event lake on ClickHouse. Idempotency is eventual (ReplacingMergeTree) and reads use
 * FINAL, so duplicates are never visible. ClickHouse has no multi-table transaction: append
 * writes the events first and the checkpoints only after the events are acknowledged. A crash
 * in between leaves an old checkpoint, the consumer replays, and the replayed rows collapse
 * onto the stored ones; the reverse order could lose events, which this order cannot.
 */
export class ClickHouseEventStore implements EventStore {
  private schema: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly client: ClickHouseClient,
    private readonly cursors: CursorCodec,
  ) {}

  /** Builds the store; tables are created on first use (IF NOT EXISTS). */
  static fromConfig(config: ClickHouseEventStoreConfig): ClickHouseEventStore {
    const client = createClient({
      url: config.url, username: config.username, password: config.password, database: config.database,
      clickhouse_settings: { do_not_merge_across_partitions_select_final: 1 },
    });
    return new ClickHouseEventStore(client, new CursorCodec(config.cursorSecret));
  }

  /** Decoded on the calling thread: the server does the heavy work here, not this process. */
  /** Lake hints are for stores that slice the stored JSON out of the message; this one flattens every event, so it decodes in full. */
  async appendEncoded(messages: readonly LakeMessage[], checkpoints: readonly Checkpoint[] = []): Promise<EncodedAppendResult> {
    const { events, rejected, oldestIngestedAt } = decodeOcsfMessages(messages.map((m) => m.text));
    if (rejected.length > 0) return { rejected, accepted: {} };
    await this.append(events, checkpoints);
    return appendedResult(countBySource(events), oldestIngestedAt);
  }

  async append(events: readonly StoredEvent[], checkpoints: readonly Checkpoint[] = []): Promise<void> {
    await this.ready();
    assertStoredEvents(events, checkpoints);
    if (events.length > 0) {
      // Synchronous insert: resolved once the part is written, so the checkpoint never runs ahead.
      await this.client.insert({ table: 'events', values: events.map(toRow), format: 'JSONEachRow', clickhouse_settings: { async_insert: 0 } });
    }
    if (checkpoints.length > 0) {
      const values = checkpoints.map((c) => ({ consumer: c.consumer, topic: c.topic, partition: c.partition, next_offset: c.nextOffset }));
      await this.client.insert({ table: 'checkpoints', values, format: 'JSONEachRow', clickhouse_settings: { async_insert: 0 } });
    }
  }

  async checkpoint(consumer: string, topic: string, partition: number): Promise<number | undefined> {
    const p = new ClickHouseParams();
    const sql = `SELECT argMax(next_offset, written_at) AS o, count() AS n FROM checkpoints
      WHERE consumer = ${p.str(consumer)} AND topic = ${p.str(topic)} AND partition = ${p.add(partition, 'UInt32')}`;
    const [row] = await this.rows<{ o: string; n: string }>(sql, p);
    return row && Number(row.n) > 0 ? Number(row.o) : undefined;
  }

  async search(tenantId: string, query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const q = parseSearchQuery(query);
    const pos = this.cursors.decode(tenantId, q);
    const p = new ClickHouseParams();
    let where = whereClause(tenantId, q, p);
    if (pos) where += ` AND ${keysetPredicate(q.sort, pos, sortExpr, (v) => (typeof v === 'number' ? p.add(v, 'Int64') : p.str(v)))}`;
    const idOrder = (q.sort[q.sort.length - 1]?.order ?? 'desc').toUpperCase();
    const orderBy = [...q.sort.map((s) => `${sortExpr(s.field)} ${s.order.toUpperCase()}`), `id ${idOrder}`].join(', ');
    const sortCols = q.sort.map((s, i) => `${sortExpr(s.field)} AS s${i}`).join(', ');
    const sql = `SELECT id, toUnixTimestamp64Milli(time) AS t, class_uid, source, event, ${sortCols}
      FROM events FINAL WHERE ${where} ORDER BY ${orderBy} LIMIT ${q.limit + 1}`;
    const rows = await this.rows<Record<string, string | number>>(sql, p);
    const { page, more } = cutPage(rows, q.limit, (r) => String(r['event']).length);
    const result: SearchResult = {
      events: page.map((r) => ({
        id: String(r['id']), time: new Date(Number(r['t'])).toISOString(), classUid: Number(r['class_uid']),
        source: String(r['source']), event: JSON.parse(String(r['event'])) as Record<string, unknown>,
      })),
      tookMs: 0,
    };
    const last = page[page.length - 1];
    if (more && last) {
      result.nextCursor = this.cursors.encode(tenantId, q, { values: q.sort.map((_, i) => Number(last[`s${i}`])), id: String(last['id']) });
    }
    result.tookMs = round(performance.now() - started);
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
    await this.client.close();
  }

  private async count(tenantId: string, q: ParsedAggregate): Promise<number> {
    const p = new ClickHouseParams();
    const [row] = await this.rows<{ n: string }>(`SELECT count() AS n FROM events FINAL WHERE ${whereClause(tenantId, q, p)}`, p);
    return Number(row?.n ?? 0);
  }

  private async groupBy(tenantId: string, q: ParsedAggregate, g: { field: string; limit: number }): Promise<{ key: string; count: number }[]> {
    const p = new ClickHouseParams();
    const col = PROMOTED_COLUMNS[g.field];
    const where = whereClause(tenantId, q, p);
    const keys = col
      ? `SELECT toString(assumeNotNull(${col})) AS k FROM events FINAL WHERE ${where} AND isNotNull(${col})`
      : `SELECT arrayJoin(arrayDistinct(${valuesExpr(g.field, p)})) AS k FROM events FINAL WHERE ${where}`;
    const sql = `SELECT k, count() AS n FROM (${keys}) GROUP BY k ORDER BY n DESC, k ASC LIMIT ${p.add(g.limit, 'UInt32')}`;
    return (await this.rows<{ k: string; n: string }>(sql, p)).map((r) => ({ key: r.k, count: Number(r.n) }));
  }

  private async histogram(tenantId: string, q: ParsedAggregate, intervalMs: number): Promise<{ start: string; count: number }[]> {
    const p = new ClickHouseParams();
    const iv = p.add(intervalMs, 'Int64');
    const sql = `SELECT intDiv(toUnixTimestamp64Milli(time), ${iv}) * ${iv} AS b, count() AS n FROM events FINAL WHERE ${whereClause(tenantId, q, p)} GROUP BY b`;
    const counts = new Map((await this.rows<{ b: string; n: string }>(sql, p)).map((r) => [Number(r.b), Number(r.n)]));
    return fillHistogram(q, intervalMs, counts);
  }

  private async rows<T>(sql: string, p: ClickHouseParams): Promise<T[]> {
    await this.ready();
    const rs = await this.client.query({ query: sql, query_params: p.values, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  private ready(): Promise<void> {
    if (this.closed) return Promise.reject(storeClosed());
    this.schema ??= (async () => {
      await this.client.command({ query: CREATE_EVENTS });
      await this.client.command({ query: CREATE_CHECKPOINTS });
    })();
    return this.schema;
  }
}
