export { Database, type DatabaseConfig, type DatabaseOptions } from './database';
export type { TenantTx } from './drivers/driver';
export { DbErrorCodes, type DbErrorCode } from './errors';
export { type MigrationReport } from './migrate/migrator';
export { DEFAULT_MIGRATIONS_DIR, type MigrationFile, loadMigrations, migrationChecksum } from './migrate/migration-files';
export { API_KEY_SCOPES, type ApiKeyScope, isApiKeyScope } from './scopes';
export { TENANT_ID_PATTERN, isTenantId } from './tenant-id';
export type {
  SystemOperations,
  TenantRecord,
  ApiKeyAuthRecord,
  SystemStateEntry,
} from './system/system-operations';
export type { TenantRepository, CreateTenantInput } from './repositories/tenant-repository';
export type {
  ApiKeyRepository,
  ApiKeyInfo,
  ApiKeyPrincipal,
  ApiKeyRejection,
  CreateApiKeyInput,
  CreatedApiKey,
  ImportApiKeyInput,
  KeyChange,
} from './repositories/api-key-repository';
export type { User, RoleBinding, NewUser, IamChange, UserListOptions, UserPage, UserRepository } from './iam/user-repository';
export { DrizzleUserRepository } from './iam/drizzle-user-repository';
export type { TenantDirectory, NewChildTenant, CreatedChildTenant } from './iam/tenant-directory';
export { DrizzleTenantDirectory } from './iam/drizzle-tenant-directory';
export { SOC_ERR_IAM_USER_EXISTS, SOC_ERR_IAM_USER_DISABLED, SOC_ERR_IAM_TENANT_EXISTS } from './iam/iam-errors';
export { API_KEY_PATTERN, parseApiKey } from './repositories/api-key-format';
export type {
  DeadLetterRepository,
  DeadLetter,
  NewDeadLetter,
  DeadLetterFilter,
  DeadLetterListOptions,
  DeadLetterPage,
} from './repositories/dead-letter-repository';
export { tenants, apiKeys, deadLetters, systemState, users, roleBindings, tenantIdColumn, timestampMs } from './schema';
export { createPostgresTestDatabase, type PostgresTestDatabase } from './testing/postgres-test-database';
export type { TenantScopes } from './detection/tenant-scopes';
export {
  RULE_ORIGINS,
  RULE_KINDS,
  RULE_LEVELS,
  EXCEPTION_OPS,
  type RuleOrigin,
  type RuleKind,
  type RuleLevel,
  type RuleDocument,
  type ImportRulesInput,
  type RuleImportOutcome,
  type RuleImportResult,
  type DetectionRule,
  type DetectionRuleWithYaml,
  type RuleVersionInfo,
  type RuleVersion,
  type RuleListOptions,
  type RulePage,
  type ExceptionOp,
  type NewRuleException,
  type ExceptionState,
  type RuleException,
  type ExceptionListOptions,
  type EnabledRule,
  type EnabledRuleSet,
  type ChangeContext,
  type RuleRepository,
} from './detection/rule-repository';
export { DrizzleRuleRepository } from './detection/drizzle-rule-repository';
export { RULE_ID_PATTERN, MAX_RULE_YAML_CHARS } from './detection/rule-rows';
export { SOC_ERR_RULE_DUPLICATE, SOC_ERR_RULE_KIND_CONFLICT, SOC_ERR_RULE_INVALID } from './detection/detection-errors';
export {
  ALERT_STATUSES,
  type AlertLevelName,
  type AlertStatus,
  type NewAlert,
  type Alert,
  type AlertListOptions,
  type AlertPage,
  type AlertInsertReport,
  type EntityKey,
  type AlertRepository,
} from './detection/alert-repository';
export { DrizzleAlertRepository } from './detection/drizzle-alert-repository';
export type {
  AuditRepository,
  AuditEvent,
  AuditFilter,
  AuditListOptions,
  AuditPageOptions,
  AuditPage,
  NewAuditEvent,
} from './detection/audit-repository';
export { DrizzleAuditRepository } from './detection/drizzle-audit-repository';
export { AUDIT_ACTIONS, type AuditAction } from './detection/audit-actions';
export {
  AUDIT_GENESIS_HASH,
  auditCanonicalText,
  auditHash,
  AuditChainVerifier,
  type AuditHashInput,
  type AuditChainBreak,
  type AuditChainReport,
  type StoredAuditLink,
} from './detection/audit-chain';
export {
  CASE_STATUSES,
  type CaseStatus,
  type CaseEntityInput,
  type CaseSnapshotAlert,
  type CaseSnapshotInput,
  type CaseUpsertOptions,
  type CaseUpsertReport,
  type Case,
  type CaseAlertRecord,
  type CaseNote,
  type CaseDetail,
  type CaseSort,
  type CaseListOptions,
  type CasePage,
  type CaseChangeContext,
  type CaseRepository,
} from './cases/case-repository';
export { DrizzleCaseRepository } from './cases/drizzle-case-repository';
export { SOC_ERR_CASE_TRANSITION, allowedTransitions, assertTransition } from './cases/case-status';
export { DrizzleEntityGraph } from './graph/drizzle-entity-graph';
export { graphEntities, graphEdges, graphWatermarks } from './schema/graph';
