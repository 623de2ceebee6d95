export type { SigmaEvent, FieldAccessor, Logsource, LogsourceClause, LogsourceVariant, FieldMapping, RuleMatch } from './types';
export { SOC_ERR_SIGMA_RULE_INVALID, SOC_ERR_SIGMA_CONDITION_INVALID, SOC_ERR_SIGMA_CORRELATION_INVALID, sigmaError, type SigmaErrorPlace } from './errors';
