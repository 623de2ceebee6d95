import type { Bus, OutgoingMessage } from '@soc/bus';
import { type Clock, type DeadLetterPayload, type Envelope, type SourceName, MessageTypes, Topics, deterministicId, deterministicIdSeries, dlqTopic, uuidv7 } from '@soc/contracts';
import type { Counter, MetricsRegistry } from '@soc/metrics';
import { type ContentKind, type RejectedRecord, splitRecords } from '@soc/sources';
import { rawEnvelopeEncoder } from './raw-envelope';

/** Per-body limits; the HTTP layer enforces the byte limits before this runs. */
export interface IngestLimits {
  maxRecordBytes: number;
  maxRecords: number;
}

export interface IngestRequest {
  tenantId: string;
  source: SourceName;
  body: Buffer | string;
  contentType: ContentKind;
  /** `http`, `syslog-tcp`, `syslog-udp`, `replay`. */
  channel: string;
  /** A client-chosen key: retrying the same batch with it yields the same event ids (no duplicates). */
  idempotencyKey?: string;
  traceId?: string;
}

export interface IngestResult {
  batchId: string;
  accepted: number;
  rejected: number;
  errors: { line: number; code: string; reason: string }[];
  /** True when `errors` was cut to the response limit; every rejected record is still in the dead-letter queue. */
  errorsTruncated: boolean;
}

const MAX_ERRORS_IN_RESPONSE = 1000;

/**
 * Turns a body of native records into raw-event messages and appends them to the bus.
 * Resolves only after the bus has made the batch durable: that is the acknowledgement.
 * Rejected records are published to the dead-letter topic in the same step.
 */
export class IngestService {
  private readonly acceptedTotal: Counter;
  private readonly rejectedTotal: Counter;

  constructor(
    private readonly bus: Bus,
    private readonly limits: IngestLimits,
    private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.acceptedTotal = metrics.counter('soc_ingest_records_accepted_total', 'Records accepted by ingest, by source');
    this.rejectedTotal = metrics.counter('soc_ingest_records_rejected_total', 'Records rejected by ingest, by source and code');
  }

  async ingest(req: IngestRequest): Promise<IngestResult> {
    const split = splitRecords(req.source, req.body, { contentType: req.contentType, ...this.limits });
    const now = this.clock.now();
    const nowIso = new Date(now).toISOString();
    const batchId = req.idempotencyKey ? deterministicId(req.tenantId, req.source, req.idempotencyKey) : uuidv7(now);
    const traceId = req.traceId ?? batchId;
    // One request is the unit of order at ingest (concurrent requests have none between them),
    // so records are keyed by batch: a request stays in order in one partition while requests
    // spread over all partitions and their consumers run in parallel.
    const key = `${req.tenantId}:${req.source}:${batchId}`;

    const idOf = deterministicIdSeries(req.tenantId, batchId, 'r');
    const encode = rawEnvelopeEncoder({ tenantId: req.tenantId, source: req.source, channel: req.channel, batchId, traceId, nowIso });
    const messages: OutgoingMessage[] = split.records.map((r) => ({ key, ...encode(idOf(r.index), r) }));
    const dead = split.rejected.map((r) => ({ key, value: this.deadLetter(req, batchId, traceId, nowIso, r) }));

    // Both appends must be durable before the acknowledgement: a rejected record is kept too.
    await Promise.all([
      messages.length > 0 ? this.bus.publish(Topics.rawEvents, messages) : Promise.resolve(),
      dead.length > 0 ? this.bus.publish(dlqTopic(Topics.rawEvents), dead) : Promise.resolve(),
    ]);

    if (messages.length > 0) this.acceptedTotal.inc({ source: req.source }, messages.length);
    for (const r of split.rejected) this.rejectedTotal.inc({ source: req.source, code: r.code });
    return {
      batchId,
      accepted: messages.length,
      rejected: split.rejected.length,
      errors: split.rejected.slice(0, MAX_ERRORS_IN_RESPONSE).map((r) => ({ line: r.line, code: r.code, reason: r.reason })),
      errorsTruncated: split.rejected.length > MAX_ERRORS_IN_RESPONSE,
    };
  }

  private deadLetter(req: IngestRequest, batchId: string, traceId: string, nowIso: string, r: RejectedRecord): Envelope<DeadLetterPayload> {
    return {
      id: deterministicId(req.tenantId, batchId, 'x', r.line),
      tenantId: req.tenantId,
      type: MessageTypes.deadLettered,
      schemaVersion: 1,
      occurredAt: nowIso,
      ingestedAt: nowIso,
      traceId,
      payload: {
        stage: 'ingest',
        topic: Topics.rawEvents,
        source: req.source,
        code: r.code,
        reason: `line ${r.line}: ${r.reason}`,
        original: r.text,
        originalTruncated: r.textTruncated,
      },
    };
  }
}
