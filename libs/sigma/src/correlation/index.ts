/** Public surface of Sigma correlation rules (re-exported by the library's entry point). */
export { parseCorrelation } from './parse-correlation';
export { parseTimespanMs } from './timespan';
export { CorrelationEngine, DEFAULT_CORRELATION_LIMITS, type CorrelationEngineOptions } from './correlation-engine';
export type { CorrelationRuleResolver } from './references';
export type {
  CorrelationType,
  CorrelationCondition,
  CorrelationRule,
  CorrelationEvidence,
  CorrelationAlert,
  CorrelationLimits,
  CorrelationStats,
  CorrelationSnapshot,
  GroupSnapshot,
  EntrySnapshot,
} from './types';
