export type { SigmaEvent, FieldAccessor, Logsource, LogsourceClause, LogsourceVariant, FieldMapping, RuleMatch } from './types';
export { SOC_ERR_SIGMA_RULE_INVALID, SOC_ERR_SIGMA_CONDITION_INVALID, SOC_ERR_SIGMA_CORRELATION_INVALID, sigmaError, type SigmaErrorPlace } from './errors';
// Rules: parse, compile, evaluate.
export { parseSigmaYaml } from './rule/parse';
export { compileRule, compileRules, type CompileOptions, type CompiledRule, type CompiledVariant, type CompiledClause } from './rule/compile';
export { RuleSet, type RuleSetStats } from './rule/rule-set';
export { flatFieldMapping } from './rule/flat-mapping';
export type { SigmaRule, SigmaFilterRule, SigmaCorrelationDoc, SigmaDocuments, SigmaCommonMeta, SigmaDetection } from './rule/model';
// Mappings.
export { windowsFieldMapping } from './mapping/windows-mapping';
export { ocsfFieldMapping } from './mapping/ocsf-mapping';
// Correlation.
export {
  parseCorrelation,
  parseTimespanMs,
  CorrelationEngine,
  DEFAULT_CORRELATION_LIMITS,
  type CorrelationEngineOptions,
  type CorrelationRuleResolver,
  type CorrelationType,
  type CorrelationCondition,
  type CorrelationRule,
  type CorrelationEvidence,
  type CorrelationAlert,
  type CorrelationLimits,
  type CorrelationStats,
  type CorrelationSnapshot,
} from './correlation/index';
// A compiled pack over native and OCSF views, shared by the detection service, the CLI and rule tests.
export { SigmaDetector, type DetectorOptions, type DetectorOutput, type DetectorProblems, type DetectorRuleHit, type EventViews } from './detector/detector';
