export { apiRoutes, type ApiRouteOptions, type IdentityStores } from './api-routes';
export { type ReadinessCheck } from './routes/health';
export { type DeadLetterReader, type DeadLetterQuery, type DeadLetterPage, type DeadLetterView } from './routes/dead-letters';
export { parseRuleFile, type RuleFile, type ParsedRuleFile } from './rules/rule-files';
