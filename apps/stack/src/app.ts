import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '@soc/api';
import type { Clock } from '@soc/contracts';
import { DeadLetterSink } from '@soc/dlq';
import { createHttpServer } from '@soc/http';
import { Admission, IngestService, SyslogBatcher, SyslogListener, ingestRoutes } from '@soc/ingest';
import { LakeService } from '@soc/lake';
import type { Logger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import { NormalizeService } from '@soc/normalize';
import { mapperFor, validateOcsf } from '@soc/ocsf';
import { type Adapters, openAdapters } from './adapters';
import { apiKeyAuthenticator, deadLetterStore } from './db-ports';
import type { StackConfig } from './config';

/** The running stack: one HTTP server and every pipeline service in this process. */
export interface Stack {
  http: FastifyInstance;
  adapters: Adapters;
  ingest: IngestService;
  metrics: MetricsRegistry;
  /** Starts consumers and listeners (not the HTTP listen, which main does). */
  start(): Promise<void>;
  /** Stops intake first, then consumers, then closes stores: nothing acknowledged is lost. */
  stop(): Promise<void>;
}

/**
 * The composition root of the one-process deployment: picks adapters from configuration and
 * wires ingest -> normalize -> lake (+ dead letters) behind one HTTP server.
 */
export async function buildStack(config: StackConfig, log: Logger, clock: Clock): Promise<Stack> {
  const adapters = await openAdapters(config, clock, log);
  const { db, bus, store } = adapters;
  const metrics = new MetricsRegistry();
  const auth = apiKeyAuthenticator(db);

  const normalize = new NormalizeService({ bus, mapperFor, validate: validateOcsf, clock, log: log.child({ svc: 'normalize' }), metrics });
  const lake = new LakeService({ bus, store, clock, metrics });
  const deadLetters = new DeadLetterSink(bus, deadLetterStore(db), clock, metrics);
  const ingest = new IngestService(bus, { maxRecordBytes: config.SOC_INGEST_MAX_RECORD_BYTES, maxRecords: config.SOC_INGEST_MAX_RECORDS }, clock, metrics);
  const backlog = async (): Promise<number> => (await normalize.lag()) + (await lake.lag());
  const admission = new Admission({ maxInFlight: config.SOC_INGEST_MAX_IN_FLIGHT, maxLag: config.SOC_INGEST_MAX_LAG, lagTtlMs: 250, retryAfterSeconds: 2 }, backlog, clock);
  metrics.gauge('soc_pipeline_backlog_messages', 'Messages published but not yet processed by normalize and lake', backlog);

  const batcher = new SyslogBatcher(ingest, { tenantId: config.SOC_SYSLOG_TENANT, maxBatch: 1000, flushMs: 100, maxPending: 20_000 }, log.child({ svc: 'syslog' }), metrics);
  const syslog = new SyslogListener(
    {
      host: config.SOC_HOST,
      ...(config.SOC_SYSLOG_TCP_PORT !== undefined ? { tcpPort: config.SOC_SYSLOG_TCP_PORT } : {}),
      ...(config.SOC_SYSLOG_UDP_PORT !== undefined ? { udpPort: config.SOC_SYSLOG_UDP_PORT } : {}),
      maxMessageBytes: 64 * 1024,
      maxConnections: 1000,
    },
    batcher,
    log.child({ svc: 'syslog' }),
  );

  const http = await createHttpServer({ logger: log, bodyLimit: 1024 * 1024, title: 'SOC API', version: '0.1.0', docs: true });
  await http.register(ingestRoutes, { service: ingest, admission, auth, maxBodyBytes: config.SOC_INGEST_MAX_BODY_BYTES, maxDecodedBytes: config.SOC_INGEST_MAX_DECODED_BYTES });
  await http.register(apiRoutes, {
    auth,
    store,
    deadLetters: deadLetterStore(db),
    metrics,
    checks: [
      { name: 'state', check: async () => (await db.system.getTenant('default')) !== null },
      { name: 'pipeline', check: async () => (await backlog()) <= config.SOC_INGEST_MAX_LAG },
    ],
  });

  return {
    http,
    adapters,
    ingest,
    metrics,
    async start() {
      await deadLetters.start();
      await lake.start();
      await normalize.start();
      const ports = await syslog.start();
      if (ports.tcpPort !== undefined || ports.udpPort !== undefined) log.info(ports, 'syslog listener started');
    },
    async stop() {
      admission.close();
      await syslog.stop();
      await http.close();
      await normalize.stop();
      await lake.stop();
      await deadLetters.stop();
      await bus.close();
      await store.close();
      await db.close();
    },
  };
}
