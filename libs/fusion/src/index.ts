// Alert fusion: dedupe of repeated alerts and rarity-weighted grouping of alerts into cases.
// Pure and in memory; the fusion service adds the bus, the database and the clock.
export { DEFAULT_FUSION_CONFIG, resolveFusionConfig, type EntityType, type FusionConfig } from './config';
export { FusionEngine, type FusionEngineOptions } from './engine';
export { type FusionEngineSnapshot, type FusionTenantSnapshot, isFusionEngineSnapshot } from './engine-snapshot';
export { caseSeverity, orderTactics, type CaseSeverity } from './severity';
export {
  CASE_OPENED,
  CASE_UPDATED,
  type CaseAlert,
  type CaseChange,
  type CaseEvent,
  type CaseMerge,
  type CaseSnapshot,
  type EntityRef,
  type IngestResult,
  type JoinReason,
  type SharedEntity,
} from './types';
