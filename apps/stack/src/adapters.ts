import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Bus } from '@soc/bus';
import { EmbeddedBus } from '@soc/bus-embedded';
import { KafkaBus } from '@soc/bus-kafka';
import type { Clock } from '@soc/contracts';
import { Database, type DatabaseConfig, DrizzleEntityGraph } from '@soc/db';
import { configInvalid } from '@soc/errors';
import type { EventStore } from '@soc/eventstore';
import { ClickHouseEventStore } from '@soc/eventstore-clickhouse';
import { DuckDbEventStore } from '@soc/eventstore-duckdb';
import type { EntityGraph } from '@soc/graph';
import { Neo4jEntityGraph } from '@soc/graph-neo4j';
import type { Logger } from '@soc/logging';
import type { StackConfig } from './config';

/** The infrastructure the stack runs on, chosen by configuration (never by environment name). */
export interface Adapters {
  db: Database;
  bus: Bus;
  /** Absent when no service of this process reads or writes the event lake. */
  store: EventStore | undefined;
  /** Absent when no service of this process reads or writes the entity graph. */
  graph: OpenGraph | undefined;
}

/** An entity graph adapter and how to release it (the state-database one shares `db`'s connections). */
export interface OpenGraph {
  readonly graph: EntityGraph;
  close(): Promise<void>;
}

/** The entity graph: Neo4j when SOC_GRAPH=neo4j, else tables in the state database. */
async function openGraph(config: StackConfig, db: Database, clock: Clock): Promise<OpenGraph> {
  if (config.SOC_GRAPH === 'neo4j') {
    if (!config.SOC_NEO4J_URL) throw configInvalid('SOC_GRAPH=neo4j needs SOC_NEO4J_URL');
    const neo4j = await Neo4jEntityGraph.fromConfig({
      url: config.SOC_NEO4J_URL,
      username: config.SOC_NEO4J_USER,
      password: config.SOC_NEO4J_PASSWORD,
      ...(config.SOC_NEO4J_DATABASE ? { database: config.SOC_NEO4J_DATABASE } : {}),
      clock,
    });
    return { graph: neo4j, close: () => neo4j.close() };
  }
  return { graph: new DrizzleEntityGraph(db, clock), close: async () => undefined };
}

/** Opens the state database: PostgreSQL when SOC_STATE_URL is set, PGlite on disk otherwise. */
async function openDatabase(config: StackConfig, dataDir: string): Promise<Database> {
  const where: DatabaseConfig = config.SOC_STATE_URL ? { kind: 'postgres', url: config.SOC_STATE_URL } : { kind: 'pglite', dataDir: join(dataDir, 'state') };
  return Database.open(where, { authCacheTtlMs: config.SOC_AUTH_CACHE_MS });
}

async function openBus(config: StackConfig, dataDir: string, clock: Clock, log: Logger): Promise<Bus> {
  if (config.SOC_BUS === 'kafka') {
    if (config.SOC_KAFKA_BROKERS.length === 0) throw configInvalid('SOC_BUS=kafka needs SOC_KAFKA_BROKERS');
    return KafkaBus.fromConfig({ brokers: config.SOC_KAFKA_BROKERS, clientId: 'soc-stack' });
  }
  return EmbeddedBus.open({
    dir: join(dataDir, 'bus'),
    partitions: config.SOC_BUS_PARTITIONS,
    // Consumers that keep up read from this cache, and one that falls behind reads the log
    // files. 4 MiB a partition holds a whole ingest request of small records (one request lands
    // in one partition) and about a thousand OCSF events of a few KB.
    tailCacheRecords: 8192,
    tailCacheBytes: 4 * 1024 * 1024,
    clock,
    logger: log.child({ component: 'bus' }),
    retention: { maxAgeMs: 7 * 24 * 3600 * 1000, checkIntervalMs: 60_000 },
  });
}

const CURSOR_SECRET_STATE = 'cursor_secret';

/**
 * The key that signs paging cursors. It must be the same in every API process and survive
 * restarts, or a cursor from one replica is refused by the next: from SOC_CURSOR_SECRET, else
 * generated once and kept in the state database (first writer of a fresh cluster wins).
 */
async function cursorSecret(config: StackConfig, db: Database): Promise<string> {
  if (config.SOC_CURSOR_SECRET) return config.SOC_CURSOR_SECRET;
  const read = async (): Promise<string | undefined> => {
    const v = (await db.system.getState(CURSOR_SECRET_STATE))?.value;
    return typeof v === 'string' && v.length >= 32 ? v : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  await db.system.setState(CURSOR_SECRET_STATE, randomBytes(32).toString('base64url'));
  const stored = await read();
  if (!stored) throw new Error('cursor secret could not be stored in the state database');
  return stored;
}

async function openEventStore(config: StackConfig, dataDir: string, secret: string): Promise<EventStore> {
  if (config.SOC_EVENTSTORE === 'clickhouse') {
    if (!config.SOC_CLICKHOUSE_URL) throw configInvalid('SOC_EVENTSTORE=clickhouse needs SOC_CLICKHOUSE_URL');
    return ClickHouseEventStore.fromConfig({
      url: config.SOC_CLICKHOUSE_URL,
      username: config.SOC_CLICKHOUSE_USER,
      password: config.SOC_CLICKHOUSE_PASSWORD,
      database: config.SOC_CLICKHOUSE_DATABASE,
      cursorSecret: secret,
    });
  }
  return DuckDbEventStore.open({
    path: join(dataDir, 'lake.duckdb'),
    cursorSecret: secret,
    // The lake service is the only writer, its input is the durable bus, and it stores its bus
    // positions with its events: after a crash it replays what the last checkpoint of the file
    // lacks, so DuckDB's WAL would only write every event a second time.
    durability: 'checkpoint',
    ...(config.SOC_DUCKDB_THREADS === undefined ? {} : { threads: config.SOC_DUCKDB_THREADS }),
  });
}

/** Opens every adapter; on failure closes what was already opened. */
export async function openAdapters(config: StackConfig, clock: Clock, log: Logger, need: { eventStore: boolean; graph: boolean }): Promise<Adapters> {
  const dataDir = resolve(config.SOC_DATA_DIR);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const db = await openDatabase(config, dataDir);
    opened.push(db);
    const bus = await openBus(config, dataDir, clock, log);
    opened.push(bus);
    const store = need.eventStore ? await openEventStore(config, dataDir, await cursorSecret(config, db)) : undefined;
    if (store) opened.push(store);
    const graph = need.graph ? await openGraph(config, db, clock) : undefined;
    return { db, bus, store, graph };
  } catch (err) {
    for (const o of opened.reverse()) await o.close().catch(() => undefined);
    throw err;
  }
}
