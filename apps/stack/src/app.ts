import type { FastifyInstance } from 'fastify';
import { type ReadinessCheck, apiRoutes } from '@soc/api';
import type { Clock } from '@soc/contracts';
import { resolveAttackTags } from '@soc/attack';
import { AlertSink, DetectionService, TenantDetectors, ruleTestRoutes } from '@soc/detection';
import { DeadLetterSink } from '@soc/dlq';
import { FusionEngine } from '@soc/fusion';
import { FusionService } from '@soc/fusion-service';
import { GraphService } from '@soc/graph-service';
import { createHttpServer } from '@soc/http';
import { Admission, DelayTargetLagLimit, IngestService, type LagLimit, SyslogBatcher, SyslogListener, fixedLagLimit, ingestRoutes } from '@soc/ingest';
import { LakeService } from '@soc/lake';
import type { Logger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import { NormalizeService, WorkerPoolEngine, inlineEngine } from '@soc/normalize';
import { DrizzleAlertRepository, DrizzleAuditRepository, DrizzleCaseRepository, DrizzleRuleRepository, DrizzleTenantDirectory, DrizzleUserRepository } from '@soc/db';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { ocsfFieldMapping, windowsFieldMapping } from '@soc/sigma';
import { type Adapters, openAdapters } from './adapters';
import { type StackConfig, selectedServices } from './config';
import { apiKeyAuthenticator } from './auth-port';
import { deadLetterStore } from './db-ports';
import { alertWriter, detectionRuleSource } from './detection-ports';
import { STATE_KEYS, stateDocument } from './state-documents';

/** The running process: the selected services behind one HTTP server (if any serves HTTP). */
export interface Stack {
  http: FastifyInstance;
  adapters: Adapters;
  /** Present when this process runs the ingest service (the demo feeds it). */
  ingest: IngestService | undefined;
  metrics: MetricsRegistry;
  /** Starts consumers and listeners (not the HTTP listen, which main does). */
  start(): Promise<void>;
  /** Stops intake first, then consumers, then closes stores: nothing acknowledged is lost. */
  stop(): Promise<void>;
}

interface Component {
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/**
 * The composition root. `SOC_SERVICES` selects which services run: all of them in one
 * process on the embedded defaults (`npm start`), or one per pod on Kafka and the server stores.
 */
export async function buildStack(config: StackConfig, log: Logger, clock: Clock): Promise<Stack> {
  const services = selectedServices(config);
  const adapters = await openAdapters(config, clock, log, { eventStore: services.has('lake') || services.has('api'), graph: services.has('graph') || services.has('api') });
  const { db, bus, store, graph } = adapters;
  const metrics = new MetricsRegistry();
  const tenantDirectory = new DrizzleTenantDirectory(db, clock);
  const auth = apiKeyAuthenticator(db, tenantDirectory, metrics);
  const components: Component[] = [];
  const lags: (() => Promise<number>)[] = [];

  if (services.has('dlq')) components.push(new DeadLetterSink(bus, deadLetterStore(db), clock, metrics));
  /** The lake's ingest-to-stored delay, when the lake runs in this process (admission steers by it). */
  let lakeDelay: (() => number | undefined) | undefined;
  if (services.has('lake')) {
    if (!store) throw new Error('lake needs the event store');
    const lake = new LakeService({ bus, store, clock, metrics });
    components.push(lake);
    lags.push(() => lake.lag());
    lakeDelay = () => lake.delay();
  }
  if (services.has('detection')) {
    const dlog = log.child({ svc: 'detection' });
    const detectors = new TenantDetectors({ source: detectionRuleSource(db, clock), nativeMapping: windowsFieldMapping, ocsfMapping: ocsfFieldMapping, clock, log: dlog, refreshMs: 5000, correlationLimits: { allowedLatenessMs: 30 * 60_000 } });
    const detection = new DetectionService({ bus, detectors, state: stateDocument(db, STATE_KEYS.detection), resolveAttack: resolveAttackTags, clock, metrics, log: dlog, liveFlush: { everyMs: 30_000, liveWithinMs: 60 * 60_000 } });
    const alertSink = new AlertSink(bus, alertWriter(db, clock), clock, metrics);
    components.push(alertSink, detection);
    lags.push(() => detection.lag(), () => alertSink.lag());
  }
  if (services.has('fusion')) {
    const fusion = new FusionService({ bus, engine: new FusionEngine({ clock }), writer: new DrizzleCaseRepository(db, clock), state: stateDocument(db, STATE_KEYS.fusion), clock, metrics, log: log.child({ svc: 'fusion' }) });
    components.push(fusion);
    lags.push(() => fusion.lag());
  }
  if (services.has('graph')) {
    if (!graph) throw new Error('the graph service needs the entity graph');
    const graphService = new GraphService({ bus, graph: graph.graph, clock, metrics });
    components.push(graphService);
    lags.push(() => graphService.lag());
  }
  if (services.has('normalize')) {
    const engine = config.SOC_NORMALIZE_WORKERS > 0 ? new WorkerPoolEngine(config.SOC_NORMALIZE_WORKERS) : inlineEngine({ mapperFor, validate: validateOcsf, clock });
    const normalize = new NormalizeService({ bus, engine, metrics });
    components.push(normalize);
    lags.push(() => normalize.lag());
  }
  // Backlog of the consumers in this process; at scale, ingest pods see only their own (zero)
  // and rely on Kafka's retention instead, so the lag limit is an embedded-mode safeguard.
  const backlog = async (): Promise<number> => (await Promise.all(lags.map((l) => l()))).reduce((a, b) => a + b, 0);
  metrics.gauge('soc_pipeline_backlog_messages', 'Messages published but not yet processed by the consumers in this process', backlog);

  // Every process serves /healthz, /readyz and /metrics (worker pods need probes too); the
  // gateway routes are added only where `api` runs and the ingest routes where `ingest` runs.
  const http = await createHttpServer({ logger: log, bodyLimit: 1024 * 1024, title: 'SOC API', version: '0.1.0', docs: services.has('api') || services.has('ingest') });
  let ingest: IngestService | undefined;
  let admission: Admission | undefined;
  if (services.has('ingest')) {
    ingest = new IngestService(bus, { maxRecordBytes: config.SOC_INGEST_MAX_RECORD_BYTES, maxRecords: config.SOC_INGEST_MAX_RECORDS }, clock, metrics);
    const limits = { maxInFlight: config.SOC_INGEST_MAX_IN_FLIGHT, maxLag: config.SOC_INGEST_MAX_LAG, lagTtlMs: 250, retryAfterSeconds: 1, maxWaitMs: config.SOC_INGEST_MAX_WAIT_MS };
    const limit = lagLimit(config, lakeDelay, clock);
    admission = new Admission(limits, backlog, clock, limit);
    metrics.gauge('soc_ingest_backlog_limit_messages', 'Backlog above which ingest requests wait (SOC_INGEST_MAX_LAG, lowered while the lake is slower than SOC_INGEST_TARGET_DELAY_MS)', () => limit.current());
    await http.register(ingestRoutes, { service: ingest, admission, auth, maxBodyBytes: config.SOC_INGEST_MAX_BODY_BYTES, maxDecodedBytes: config.SOC_INGEST_MAX_DECODED_BYTES });
    components.unshift(syslogListener(config, ingest, log, metrics));
  }
  const checks: ReadinessCheck[] = [
    // Each check makes a real call, so a dead PGlite or DuckDB worker thread shows up here.
    { name: 'state', check: async () => (await db.system.getTenant('default')) !== null },
    { name: 'pipeline', check: async () => (await backlog()) <= config.SOC_INGEST_MAX_LAG },
  ];
  if (store) {
    const lakeStore = store;
    const probe = { from: '2000-01-01T00:00:00.000Z', to: '2000-01-01T00:00:00.001Z' };
    checks.push({ name: 'lake', check: async () => (await lakeStore.aggregate('default', probe)).total >= 0 });
  }
  await http.register(apiRoutes, { auth, store, deadLetters: deadLetterStore(db), rules: new DrizzleRuleRepository(db, clock), alerts: new DrizzleAlertRepository(db, clock), audit: new DrizzleAuditRepository(db, clock), cases: new DrizzleCaseRepository(db, clock), ...(graph ? { graph: graph.graph } : {}), identity: { users: new DrizzleUserRepository(db, clock), keys: db.apiKeys, tenants: tenantDirectory, clock }, metrics, checks, routes: services.has('api') });
  if (services.has('api') && store) await http.register(ruleTestRoutes, { auth, store, nativeMapping: windowsFieldMapping, ocsfMapping: ocsfFieldMapping, clock });

  return {
    http,
    adapters,
    ingest,
    metrics,
    async start() {
      // Consumers first (downstream before upstream), intake last.
      for (const c of [...components].reverse()) await c.start?.();
    },
    async stop() {
      admission?.close();
      // Every step runs even if an earlier one fails, so stores are always closed; the first
      // failure is rethrown at the end.
      const failures: unknown[] = [];
      const step = async (fn: () => Promise<unknown> | undefined): Promise<void> => {
        try {
          await fn();
        } catch (err) {
          failures.push(err);
          log.error({ err }, 'shutdown step failed');
        }
      };
      await step(() => http.close());
      for (const c of components) await step(() => c.stop?.());
      await step(() => bus.close());
      await step(() => store?.close());
      await step(() => graph?.close());
      await step(() => db.close());
      if (failures.length > 0) throw failures[0];
    },
  };
}

function syslogListener(config: StackConfig, ingest: IngestService, log: Logger, metrics: MetricsRegistry): Component {
  const slog = log.child({ svc: 'syslog' });
  const batcher = new SyslogBatcher(ingest, { tenantId: config.SOC_SYSLOG_TENANT, maxBatch: 1000, flushMs: 100, maxPending: 20_000 }, slog, metrics);
  const listener = new SyslogListener(
    {
      host: config.SOC_HOST,
      ...(config.SOC_SYSLOG_TCP_PORT !== undefined ? { tcpPort: config.SOC_SYSLOG_TCP_PORT } : {}),
      ...(config.SOC_SYSLOG_UDP_PORT !== undefined ? { udpPort: config.SOC_SYSLOG_UDP_PORT } : {}),
      maxMessageBytes: 64 * 1024,
      maxConnections: 1000,
    },
    batcher,
    slog,
  );
  return {
    async start() {
      const ports = await listener.start();
      if (ports.tcpPort !== undefined || ports.udpPort !== undefined) slog.info(ports, 'syslog listener started');
    },
    stop: () => listener.stop(),
  };
}

/** How often the delay-steered limit may move: about one pipeline delay, so a change shows before the next. */
const LAG_ADJUST_EVERY_MS = 1_000;

/**
 * The backlog limit ingest admits by: steered by the lake's ingest-to-stored delay when the lake
 * runs here and SOC_INGEST_TARGET_DELAY_MS is set, else SOC_INGEST_MAX_LAG as it stands.
 */
function lagLimit(config: StackConfig, lakeDelay: (() => number | undefined) | undefined, clock: Clock): LagLimit {
  const maxLag = config.SOC_INGEST_MAX_LAG;
  if (lakeDelay === undefined || config.SOC_INGEST_TARGET_DELAY_MS === 0) return fixedLagLimit(maxLag);
  const minLag = Math.max(1, Math.min(maxLag, config.SOC_INGEST_MIN_LAG));
  return new DelayTargetLagLimit({ maxLag, minLag, targetDelayMs: config.SOC_INGEST_TARGET_DELAY_MS, adjustEveryMs: LAG_ADJUST_EVERY_MS }, lakeDelay, clock);
}
