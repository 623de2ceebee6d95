export { ENVELOPE_SCHEMA_VERSION, EnvelopeSchema, type Envelope, type EnvelopeOf } from './envelope';
export { type Clock, systemClock, ManualClock } from './clock';
export { uuidv7, deterministicId, deterministicIdSeries } from './ids';
export { RAW_DATA_SPAN_HEADER, rawDataSpan, rawDataText } from './raw-span';
export { SOURCE_NAMES, TEXT_SOURCES, SourceNameSchema, isSourceName, type SourceName } from './sources';
export {
  Topics,
  type TopicName,
  dlqTopic,
  MessageTypes,
  RawEventPayload,
  RawEventEnvelope,
  OcsfEventPayload,
  OcsfEventEnvelope,
  DeadLetterPayload,
  DeadLetterEnvelope,
} from './topics';
export { ALERT_LEVELS, type AlertLevel, AlertEntity, AlertEvidence, AlertPayload, AlertEnvelope } from './alerts';
export { canonicalEntityValue, MAX_ENTITY_VALUE_CHARS } from './entity-value';
