import { type EnvConfig, type EnvSpec, parseEnv } from '@soc/config';
import { configInvalid } from '@soc/errors';

const MiB = 1024 * 1024;

/**
 * Every setting of the one-process stack, read from the environment and validated at boot.
 * The README's configuration table is generated from this spec (`describeEnv`).
 */
export const STACK_ENV = {
  SOC_PORT: { type: 'int', default: 8080, min: 0, max: 65535, description: 'HTTP port of the API and ingest endpoints.' },
  SOC_SERVICES: {
    type: 'list',
    default: ['all'],
    description: 'Services this process runs: `all`, or a comma list of ingest, normalize, lake, detection, fusion, graph, dlq, api (one per pod at scale).',
  },
  SOC_HOST: { type: 'string', default: '127.0.0.1', description: 'Address to listen on; `0.0.0.0` in containers.' },
  SOC_DATA_DIR: { type: 'string', default: './.data', description: 'Directory for embedded state (PGlite), the bus log and the DuckDB event lake.' },
  SOC_BOOTSTRAP_API_KEY: {
    type: 'string',
    secret: true,
    pattern: /^soc_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/,
    description: 'Owner API key (role owner, scope admin) to create on first start (format `soc_<8 lowercase alphanumerics>_<43 base64url chars>`); if unset a random key is generated and printed once.',
  },
  SOC_CURSOR_SECRET: {
    type: 'string',
    secret: true,
    minLength: 32,
    description: 'Key that signs search paging cursors (32+ chars); if unset, one is generated once and kept in the state database, shared by every process using it.',
  },
  SOC_DEMO: { type: 'bool', default: false, description: 'Replay the demo scenario continuously (same as `npm start -- --demo`).' },
  SOC_DEMO_SPEEDUP: { type: 'int', default: 60, min: 1, max: 3600, description: 'Demo replay speed: scenario seconds per wall-clock second.' },
  SOC_LOG_LEVEL: { type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'], default: 'info', description: 'Log level.' },
  SOC_STATE_URL: { type: 'string', secret: true, description: 'PostgreSQL URL for state; if unset, embedded PGlite under SOC_DATA_DIR.' },
  SOC_AUTH_CACHE_MS: {
    type: 'int',
    default: 1000,
    min: 0,
    max: 60_000,
    description:
      'How long an API key lookup is reused (0: look up on every request; a lookup cost 3 to 5 ms of CPU on PGlite). Key, user and role changes made through this process apply at the next request; changes made by another process sharing SOC_STATE_URL apply within this time.',
  },
  SOC_BUS: { type: 'enum', values: ['embedded', 'kafka'], default: 'embedded', description: 'Message bus adapter.' },
  SOC_BUS_PARTITIONS: { type: 'int', default: 4, min: 1, max: 256, description: 'Partitions per topic of the embedded bus.' },
  SOC_KAFKA_BROKERS: { type: 'list', default: [], description: 'Kafka brokers (`host:port,...`) when SOC_BUS=kafka.' },
  SOC_EVENTSTORE: { type: 'enum', values: ['duckdb', 'clickhouse'], default: 'duckdb', description: 'Event lake adapter.' },
  SOC_DUCKDB_THREADS: {
    type: 'int',
    min: 1,
    max: 256,
    description:
      "DuckDB threads of the embedded lake; unset: DuckDB's default, one per core. With the earlier 256 MB checkpoints, 1 cut the pipeline's CPU by 14% but let a checkpoint block the writer for seconds (ack-to-searchable p99 8 s); with 64 MB checkpoints it measured the same as the default (4,906 against 4,926 events/s in npm run bench:pipeline); with the lake's WAL off, 3 to 6% less CPU per event but a p99 of 1.9 to 2.0 s against 1.4 to 1.7 s, so it is not the default.",
  },
  SOC_CLICKHOUSE_URL: { type: 'string', description: 'ClickHouse HTTP URL when SOC_EVENTSTORE=clickhouse.' },
  SOC_CLICKHOUSE_USER: { type: 'string', default: 'default', description: 'ClickHouse user.' },
  SOC_CLICKHOUSE_PASSWORD: { type: 'string', secret: true, default: '', description: 'ClickHouse password.' },
  SOC_CLICKHOUSE_DATABASE: { type: 'string', default: 'soc', description: 'ClickHouse database.' },
  SOC_GRAPH: {
    type: 'enum',
    values: ['state', 'neo4j'],
    default: 'state',
    description: 'Entity graph adapter: tables in the state database (PGlite, or PostgreSQL with SOC_STATE_URL), or Neo4j.',
  },
  SOC_NEO4J_URL: { type: 'string', description: 'Neo4j URL (`neo4j://`, `neo4j+s://`, `bolt://`, `bolt+s://`) when SOC_GRAPH=neo4j.' },
  SOC_NEO4J_USER: { type: 'string', default: 'neo4j', description: 'Neo4j user.' },
  SOC_NEO4J_PASSWORD: { type: 'string', secret: true, default: '', description: 'Neo4j password.' },
  SOC_NEO4J_DATABASE: { type: 'string', description: "Neo4j database; the server's default database if unset." },
  SOC_INGEST_MAX_BODY_BYTES: { type: 'int', default: 16 * MiB, min: 1024, description: 'Largest ingest request body on the wire.' },
  SOC_INGEST_MAX_DECODED_BYTES: { type: 'int', default: 64 * MiB, min: 1024, description: 'Largest ingest body after gzip decoding.' },
  SOC_INGEST_MAX_RECORD_BYTES: { type: 'int', default: 1 * MiB, min: 256, description: 'Largest single record; larger ones are rejected.' },
  SOC_INGEST_MAX_RECORDS: { type: 'int', default: 100_000, min: 1, description: 'Most records in one ingest request.' },
  SOC_INGEST_MAX_LAG: {
    type: 'int',
    default: 6_000,
    min: 1,
    description: 'Pipeline backlog (messages not yet normalized or stored) above which new ingest requests wait (see SOC_INGEST_MAX_WAIT_MS), then get 429; it bounds ack-to-searchable latency to about backlog / throughput. With SOC_INGEST_TARGET_DELAY_MS, the largest limit.',
  },
  SOC_INGEST_TARGET_DELAY_MS: {
    type: 'int',
    default: 1_000,
    min: 0,
    max: 60_000,
    description:
      'Ingest-to-stored delay the backlog limit is steered by when the lake runs in the same process: while the oldest event of the lake\'s commits took longer, the limit shrinks toward SOC_INGEST_MIN_LAG; while well under, it grows back to SOC_INGEST_MAX_LAG. Keeps time-to-search bounded on a slower machine. 0 = fixed limit of SOC_INGEST_MAX_LAG.',
  },
  SOC_INGEST_MIN_LAG: {
    type: 'int',
    default: 3_000,
    min: 1,
    description:
      'Smallest backlog limit SOC_INGEST_TARGET_DELAY_MS may steer down to. Below about half of SOC_INGEST_MAX_LAG, consumers get small batches and spend more per event: with every service in one process, a floor of 1,000 cost a third of the throughput.',
  },
  SOC_INGEST_MAX_WAIT_MS: {
    type: 'int',
    default: 5_000,
    min: 0,
    max: 60_000,
    description: 'How long an ingest request waits, first come first served, for a backlog over SOC_INGEST_MAX_LAG to drain before it gets 429 (0 = answer 429 at once). A waiting request holds its connection and an in-flight slot, not its body.',
  },
  SOC_INGEST_MAX_IN_FLIGHT: {
    type: 'int',
    default: 16,
    min: 1,
    description: 'Concurrent ingest requests (waiting for the backlog, or bodies being read or processed) above which ingest answers 503; memory for bodies is bounded by about this × (wire + 3 × decoded size).',
  },
  SOC_NORMALIZE_WORKERS: {
    type: 'int',
    default: 2,
    min: 0,
    max: 64,
    description: 'Worker threads that map and validate events (0 = on the main thread); the main thread keeps HTTP, the bus and the lake.',
  },
  SOC_SYSLOG_TCP_PORT: { type: 'int', min: 0, max: 65535, description: 'Syslog TCP listener port (RFC 5424/3164, octet-counted or newline framing); unset disables it.' },
  SOC_SYSLOG_UDP_PORT: { type: 'int', min: 0, max: 65535, description: 'Syslog UDP listener port; unset disables it.' },
  SOC_SYSLOG_TENANT: { type: 'string', default: 'default', pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, description: 'Tenant that syslog listener messages belong to.' },
} as const satisfies EnvSpec;

export type StackConfig = EnvConfig<typeof STACK_ENV>;

/** The services one process can run. */
export const SERVICE_NAMES = ['ingest', 'normalize', 'lake', 'detection', 'fusion', 'graph', 'dlq', 'api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The selected services; SOC_ERR_CONFIG_INVALID for a name that is not a service. */
export function selectedServices(config: StackConfig): ReadonlySet<ServiceName> {
  const names = config.SOC_SERVICES;
  if (names.includes('all')) return new Set(SERVICE_NAMES);
  const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw configInvalid(`SOC_SERVICES must be 'all' or a list of ${SERVICE_NAMES.join(', ')}; got '${names.join(',')}'`);
  }
  return new Set(names as ServiceName[]);
}

/** Parses the environment; `--demo` on the command line turns demo mode on. */
export function loadStackConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): StackConfig {
  const parsed = parseEnv(STACK_ENV, env);
  const config = { ...parsed, SOC_DEMO: parsed.SOC_DEMO || argv.includes('--demo') };
  selectedServices(config);
  return config;
}
