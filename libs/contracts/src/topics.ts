import { type Static, Type } from '@sinclair/typebox';
import { EnvelopeSchema } from './envelope';
import { SourceNameSchema } from './sources';

/** Topic names. Dead letters of topic `t` go to `dlq.<t>`. */
export const Topics = {
  rawEvents: 'events.raw',
  ocsfEvents: 'events.ocsf',
  alerts: 'alerts.detections',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const dlqTopic = (topic: string): string => `dlq.${topic}`;

/** Message types, `<domain>.<entity>.<past-tense>`. */
export const MessageTypes = {
  rawEventReceived: 'ingest.event.received',
  ocsfEventNormalized: 'normalize.event.normalized',
  deadLettered: 'pipeline.message.dead_lettered',
  alertRaised: 'detection.alert.raised',
} as const;

/**
 * One native record as received by ingest. `data` is the parsed JSON object for JSON
 * sources, or the text (possibly several joined lines, e.g. one auditd serial) for text ones.
 */
export const RawEventPayload = Type.Object(
  {
    source: SourceNameSchema,
    format: Type.Union([Type.Literal('json'), Type.Literal('text')]),
    data: Type.Unknown(),
    /** Where the record came from: `http`, `syslog-udp`, `syslog-tcp`, `replay`. */
    channel: Type.String({ maxLength: 32 }),
    /** Ingest batch and position, for tracing a record back to its request. */
    batchId: Type.String({ maxLength: 64 }),
    index: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type RawEventPayload = Static<typeof RawEventPayload>;
export const RawEventEnvelope = EnvelopeSchema(RawEventPayload);

/** A normalized OCSF 1.8.0 event. `event.metadata.uid` equals the envelope id. */
export const OcsfEventPayload = Type.Object(
  {
    source: SourceNameSchema,
    classUid: Type.Integer(),
    /** The OCSF event object; validated against the compiled OCSF schema by the producer. */
    event: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type OcsfEventPayload = Static<typeof OcsfEventPayload>;
export const OcsfEventEnvelope = EnvelopeSchema(OcsfEventPayload);

/** A message or record that could not be processed, kept with the reason. */
export const DeadLetterPayload = Type.Object(
  {
    /** Pipeline stage that rejected it: `ingest`, `normalize`, `lake`... */
    stage: Type.String({ maxLength: 32 }),
    /** Topic it was read from, if any. */
    topic: Type.Optional(Type.String({ maxLength: 128 })),
    source: Type.Optional(Type.String({ maxLength: 64 })),
    /** Stable `SOC_ERR_*` code. */
    code: Type.String({ maxLength: 64 }),
    reason: Type.String({ maxLength: 2000 }),
    /** The original message or record, truncated to a size limit. */
    original: Type.Unknown(),
    originalTruncated: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DeadLetterPayload = Static<typeof DeadLetterPayload>;
export const DeadLetterEnvelope = EnvelopeSchema(DeadLetterPayload);
