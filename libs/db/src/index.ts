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
} from './repositories/api-key-repository';
export { API_KEY_PATTERN, parseApiKey } from './repositories/api-key-format';
export type {
  DeadLetterRepository,
  DeadLetter,
  NewDeadLetter,
  DeadLetterFilter,
  DeadLetterListOptions,
  DeadLetterPage,
} from './repositories/dead-letter-repository';
export { tenants, apiKeys, deadLetters, systemState, tenantIdColumn, timestampMs } from './schema';
export { createPostgresTestDatabase, type PostgresTestDatabase } from './testing/postgres-test-database';
