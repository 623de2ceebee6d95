// The fusion service: alerts into cases.
export { CASE_EVENTS_TOPIC, CASE_EVENT_SCHEMA_VERSION, FUSION_CONSUMER, type CaseWriter, caseEventKey } from './case-topic';
export { FusionService, type FusionServiceDeps } from './fusion-service';
export { type FusionState, type FusionStateStore, isFusionState } from './fusion-state';
