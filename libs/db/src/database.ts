import { type Clock, systemClock } from '@soc/contracts';
import { configInvalid } from '@soc/errors';
import type { Driver, TenantTx } from './drivers/driver';
import { openPgliteDriver } from './drivers/pglite-driver';
import { openPostgresDriver } from './drivers/postgres-driver';
import { mapDbError } from './errors';
import { loadMigrations } from './migrate/migration-files';
import { type MigrationReport, runMigrations } from './migrate/migrator';
import type { ApiKeyRepository } from './repositories/api-key-repository';
import type { DeadLetterRepository } from './repositories/dead-letter-repository';
import { DrizzleApiKeyRepository } from './repositories/drizzle-api-key-repository';
import { AuthRecordCache } from './repositories/auth-record-cache';
import { DrizzleDeadLetterRepository } from './repositories/drizzle-dead-letter-repository';
import { SystemTenantRepository, type TenantRepository } from './repositories/tenant-repository';
import { ScopeRunner } from './scope-runner';
import { SqlSystemOperations, type SystemOperations } from './system/system-operations';

/** Which store to open: embedded PGlite on disk, or a PostgreSQL server. */
export type DatabaseConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

/** Optional collaborators. */
export interface DatabaseOptions {
  /** Time source for created/updated stamps and key expiry. Default: system clock. */
  readonly clock?: Clock;
  /** Where the NNNN_name.sql files live. Default: this library's `migrations/`. */
  readonly migrationsDir?: string;
  /** Errors of idle pooled Postgres connections; default ignores them (the next query reports its own). */
  readonly onPoolError?: (err: Error) => void;
  /**
   * How long an API key lookup is reused (default 1000 ms; 0 looks up every request). Identity
   * changes made through this Database apply at the next request; changes by another process
   * sharing the database apply within this time. See AuthRecordCache.
   */
  readonly authCacheTtlMs?: number;
}

/** Default of {@link DatabaseOptions.authCacheTtlMs}. */
export const DEFAULT_AUTH_CACHE_TTL_MS = 1000;

/**
 * The state database: migrated on open, reached only through RLS-bound tenant scopes and
 * the narrow system functions. The same schema and SQL run on PGlite and PostgreSQL.
 */
export class Database {
  /** Tenants (create/get/list, via system functions). */
  readonly tenants: TenantRepository;
  /** API keys. */
  readonly apiKeys: ApiKeyRepository;
  /** Dead letters. */
  readonly deadLetters: DeadLetterRepository;
  /** Pre-tenant operations (auth lookup, bootstrap, admin listing, system_state). */
  readonly system: SystemOperations;
  private readonly authCache: AuthRecordCache;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly driver: Driver,
    private readonly scopes: ScopeRunner,
    /** What the migrator did during `open`. */
    readonly migrations: MigrationReport,
    clock: Clock,
    authCacheTtlMs: number,
  ) {
    this.system = new SqlSystemOperations(scopes, clock);
    this.tenants = new SystemTenantRepository(this.system);
    this.authCache = new AuthRecordCache(clock, authCacheTtlMs);
    this.apiKeys = new DrizzleApiKeyRepository(scopes, this.system, clock, this.authCache);
    this.deadLetters = new DrizzleDeadLetterRepository(scopes, clock);
  }

  /**
   * Open the store and apply pending migrations. Fails with SOC_ERR_CONFIG_INVALID,
   * SOC_ERR_UNAVAILABLE (server unreachable), or a SOC_ERR_DB_MIGRATION_* code.
   */
  static async open(config: DatabaseConfig, opts: DatabaseOptions = {}): Promise<Database> {
    const clock = opts.clock ?? systemClock;
    const files = await loadMigrations(opts.migrationsDir);
    const driver = await openDriver(config, opts);
    try {
      const report = await driver.withMigrationConnection((conn) => runMigrations(conn, files, () => clock.now()));
      return new Database(driver, new ScopeRunner(driver.db), report, clock, opts.authCacheTtlMs ?? DEFAULT_AUTH_CACHE_TTL_MS);
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw mapDbError(err);
    }
  }

  /** `pglite` or `postgres`. */
  get kind(): 'pglite' | 'postgres' {
    return this.driver.kind;
  }

  /**
   * Run `fn` in one transaction as role soc_app with `soc.tenant_id` bound: every statement
   * sees and writes only this tenant's rows. RLS refusals surface as SOC_ERR_DB_ACCESS_DENIED.
   * Scopes do not nest (SOC_ERR_DB_NESTED_SCOPE).
   */
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.scopes.withTenant(tenantId, fn);
  }

  /**
   * Says that users, role bindings or API keys changed (repositories built on this Database
   * call it after each such change): cached key lookups are dropped, so the change applies at
   * the next request.
   */
  identityChanged(): void {
    this.authCache.invalidate();
  }

  /** Close connections; later calls fail with SOC_ERR_DB_CLOSED. */
  async close(): Promise<void> {
    if (this.closing) return this.closing;
    this.scopes.markClosed();
    this.closing = this.driver.close();
    return this.closing;
  }
}

async function openDriver(config: DatabaseConfig, opts: DatabaseOptions): Promise<Driver> {
  if (config.kind === 'pglite') {
    if (typeof config.dataDir !== 'string' || config.dataDir.length === 0) {
      throw configInvalid('pglite dataDir is required');
    }
    return openPgliteDriver(config.dataDir);
  }
  if (config.kind === 'postgres') {
    const poolSize = config.poolSize ?? 10;
    if (typeof config.url !== 'string' || !/^postgres(ql)?:\/\//.test(config.url)) {
      throw configInvalid('postgres url must start with postgres://');
    }
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) {
      throw configInvalid('postgres poolSize must be an integer in 1..200', { poolSize });
    }
    return openPostgresDriver({ url: config.url, poolSize, onPoolError: opts.onPoolError ?? (() => undefined) });
  }
  throw configInvalid('database kind must be pglite or postgres');
}
