import { type Driver, type ManagedTransaction, type Session, auth, driver as createDriver, int } from 'neo4j-driver';
import { type Clock, systemClock } from '@soc/contracts';
import { configInvalid } from '@soc/errors';
import {
  type EdgeUpsert,
  type EntityGraph,
  type EntityRef,
  type EntityType,
  type GraphBatch,
  type GraphEdge,
  type GraphEntity,
  type GraphWatermark,
  type Neighbourhood,
  type NeighbourhoodOptions,
  type NeighbourhoodReader,
  type RelationshipType,
  type UpsertOptions,
  type UpsertReport,
  checkBatch,
  checkRef,
  checkStream,
  checkTenant,
  checkWatermark,
  resolveNeighbourhoodOptions,
  walkNeighbourhood,
  watermarkConflict,
} from '@soc/graph';
import { DELETE_TENANT, LOCK_WATERMARK, READ_EDGES_AROUND, READ_ENTITIES, READ_WATERMARK, SCHEMA_STATEMENTS, SET_WATERMARK, UPSERT_ENTITIES, upsertEdgesStatement } from './cypher';
import { mapNeo4jError } from './neo4j-errors';

/** Where the Neo4j server is and how to log in. */
export interface Neo4jGraphConfig {
  /** `neo4j://`, `neo4j+s://`, `bolt://` or `bolt+s://`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Database name; the server's default database when unset. */
  readonly database?: string;
  /** Connections in the driver's pool; default 20. */
  readonly maxConnections?: number;
  readonly clock?: Clock;
}

/** Rows per UNWIND statement: big enough to amortise a round trip, small enough to keep transactions short. */
const CHUNK = 2000;

type Row = Record<string, unknown>;
const ms = (n: number) => int(n);
const sightings = (r: Row) => ({ firstSeen: Number(r['firstSeen']), lastSeen: Number(r['lastSeen']), count: Number(r['seenCount']), evidence: (r['evidence'] as string[] | null) ?? [] });

function toEntity(r: Row): GraphEntity {
  return { type: r['nodeType'] as EntityType, value: String(r['nodeValue']), ...sightings(r) };
}

function toEdge(r: Row): GraphEdge {
  return {
    from: { type: r['fromType'] as EntityType, value: String(r['fromValue']) },
    rel: r['rel'] as RelationshipType,
    to: { type: r['toType'] as EntityType, value: String(r['toValue']) },
    ...sightings(r),
  };
}

async function rows(tx: ManagedTransaction, query: string, params: Row): Promise<Row[]> {
  return (await tx.run(query, params)).records.map((rec) => rec.toObject() as Row);
}

/**
 * The entity graph on Neo4j (5.x): MERGE-based batched upserts via UNWIND, a `tenant`
 * property on every node and relationship and in every statement, the same hop-by-hop capped
 * walk as the state-database adapter, and the watermark node written in the same transaction
 * as the batch. Build with `fromConfig`; `close` releases the driver.
 */
export class Neo4jEntityGraph implements EntityGraph {
  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    private readonly clock: Clock,
  ) {}

  /**
   * Connects, checks the server is reachable and creates the uniqueness constraints (idempotent).
   * SOC_ERR_CONFIG_INVALID for a bad URL, SOC_ERR_UNAVAILABLE when the server cannot be reached.
   */
  static async fromConfig(config: Neo4jGraphConfig): Promise<Neo4jEntityGraph> {
    if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(config.url)) throw configInvalid('neo4j url must start with neo4j://, neo4j+s://, bolt:// or bolt+s://');
    const driver = createDriver(config.url, auth.basic(config.username, config.password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: config.maxConnections ?? 20,
      connectionAcquisitionTimeout: 10_000,
    });
    const graph = new Neo4jEntityGraph(driver, config.database, config.clock ?? systemClock);
    try {
      await driver.verifyConnectivity(config.database ? { database: config.database } : {});
      for (const statement of SCHEMA_STATEMENTS) await graph.withSession((s) => s.run(statement));
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw mapNeo4jError(err);
    }
    return graph;
  }

  async upsert(tenantId: string, batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    checkBatch(batch);
    checkTenant(tenantId);
    const w = options.watermark;
    if (w) checkWatermark(w);
    const now = ms(this.clock.now());
    return this.withSession((s) =>
      s.executeWrite(async (tx) => {
        if (w && !(await this.claimWatermark(tx, tenantId, w, now))) return { applied: false, entities: 0, edges: 0 };
        const entities = [...batch.entities].sort((a, b) => cmpRef(a, b));
        for (let i = 0; i < entities.length; i += CHUNK) {
          const chunk = entities.slice(i, i + CHUNK).map((e) => ({ type: e.type, value: e.value, firstSeen: ms(e.firstSeen), lastSeen: ms(e.lastSeen), count: ms(e.count), evidence: [...e.evidence] }));
          await tx.run(UPSERT_ENTITIES, { tenant: tenantId, now, rows: chunk });
        }
        for (const [rel, edges] of byRelationship(batch.edges)) {
          for (let i = 0; i < edges.length; i += CHUNK) await tx.run(upsertEdgesStatement(rel), { tenant: tenantId, now, rows: edges.slice(i, i + CHUNK).map(edgeRow) });
        }
        if (w) await tx.run(SET_WATERMARK, { tenant: tenantId, stream: w.stream, next: ms(w.next), now });
        return { applied: true, entities: batch.entities.length, edges: batch.edges.length };
      }),
    );
  }

  async watermark(tenantId: string, stream: string): Promise<number | null> {
    checkStream(stream);
    checkTenant(tenantId);
    const found = await this.withSession((s) => s.executeRead((tx) => rows(tx, READ_WATERMARK, { tenant: tenantId, stream })));
    const position = found[0]?.['position'];
    return position === undefined || position === null ? null : Number(position);
  }

  async getEntity(tenantId: string, ref: EntityRef): Promise<GraphEntity | null> {
    checkRef(ref);
    checkTenant(tenantId);
    const [found] = await this.withSession((s) => s.executeRead((tx) => this.entities(tx, tenantId, [ref])));
    return found ?? null;
  }

  async neighbourhood(tenantId: string, ref: EntityRef, options?: NeighbourhoodOptions): Promise<Neighbourhood | null> {
    checkRef(ref);
    checkTenant(tenantId);
    const opts = resolveNeighbourhoodOptions(options);
    return this.withSession((s) =>
      s.executeRead(async (tx) => {
        const [centre] = await this.entities(tx, tenantId, [ref]);
        if (!centre) return null;
        const reader: NeighbourhoodReader = {
          entities: (refs) => this.entities(tx, tenantId, refs),
          edgesAround: async (refs, limit) => (await rows(tx, READ_EDGES_AROUND, { tenant: tenantId, refs: refs.map(refParam), limit: int(limit) })).map(toEdge),
        };
        return walkNeighbourhood(reader, centre, opts);
      }),
    );
  }

  /** Removes every node and relationship of a tenant. For test teardown on a shared server. */
  async deleteTenant(tenantId: string): Promise<void> {
    checkTenant(tenantId);
    await this.withSession((s) => s.executeWrite((tx) => tx.run(DELETE_TENANT, { tenant: tenantId })));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async entities(tx: ManagedTransaction, tenantId: string, refs: readonly EntityRef[]): Promise<GraphEntity[]> {
    if (refs.length === 0) return [];
    return (await rows(tx, READ_ENTITIES, { tenant: tenantId, refs: refs.map(refParam) })).map(toEntity);
  }

  /** The port's watermark rule, read under the node's write lock; false when already applied. */
  private async claimWatermark(tx: ManagedTransaction, tenantId: string, w: GraphWatermark, now: ReturnType<typeof int>): Promise<boolean> {
    const [row] = await rows(tx, LOCK_WATERMARK, { tenant: tenantId, stream: w.stream, now });
    const raw = row?.['position'];
    const stored = raw === undefined || raw === null ? null : Number(raw);
    if (stored !== null && stored >= w.next) return false;
    if (stored !== w.expected) throw watermarkConflict(w.stream, w.expected, stored);
    return true;
  }

  private async withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session(this.database ? { database: this.database } : {});
    try {
      return await fn(session);
    } catch (err) {
      throw mapNeo4jError(err);
    } finally {
      await session.close();
    }
  }
}

const refParam = (r: EntityRef) => ({ type: r.type, value: r.value });
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const cmpRef = (a: EntityRef, b: EntityRef): number => cmp(a.type, b.type) || cmp(a.value, b.value);

function edgeRow(e: EdgeUpsert): Row {
  return { fromType: e.from.type, fromValue: e.from.value, toType: e.to.type, toValue: e.to.value, firstSeen: ms(e.firstSeen), lastSeen: ms(e.lastSeen), count: ms(e.count), evidence: [...e.evidence] };
}

/** Edges grouped by relationship type (one statement each), each group in key order so writers lock alike. */
function byRelationship(edges: readonly EdgeUpsert[]): Map<RelationshipType, EdgeUpsert[]> {
  const out = new Map<RelationshipType, EdgeUpsert[]>();
  for (const e of edges) out.set(e.rel, [...(out.get(e.rel) ?? []), e]);
  for (const list of out.values()) list.sort((a, b) => cmpRef(a.from, b.from) || cmpRef(a.to, b.to));
  return out;
}
