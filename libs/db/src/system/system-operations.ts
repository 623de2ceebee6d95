import { sql } from 'drizzle-orm';
import type { Clock } from '@soc/contracts';
import { type ScopeRunner, rowsOf, toDate, toDateOrNull } from '../scope-runner';
import { toJsonbSafe } from '../repositories/jsonb-safe';

/** A tenant as stored. */
export interface TenantRecord {
  readonly id: string;
  readonly name: string;
  readonly parentTenantId: string | null;
  readonly createdAt: Date;
}

/** What authentication needs about one API key, found by its public prefix. */
export interface ApiKeyAuthRecord {
  readonly id: string;
  readonly tenantId: string;
  /** SHA-256 hex of the secret; compared in constant time, never returned to callers of the repository. */
  readonly secretHash: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  /** The user the key acts for, or null for a service key. */
  readonly userId: string | null;
  /** The user's active roles in the key's tenant, or the service key's own role. */
  readonly roles: readonly string[];
  /** When the key's user was disabled; null for an enabled user or a service key. */
  readonly userDisabledAt: Date | null;
}

/** A `system_state` value. */
export interface SystemStateEntry {
  readonly value: unknown;
  readonly updatedAt: Date;
}

/**
 * Operations that run before a tenant is known. Each is one SECURITY DEFINER function
 * granted to soc_app; RLS stays on for everything else.
 */
export interface SystemOperations {
  createTenant(input: { id: string; name: string; parentTenantId?: string | null }): Promise<TenantRecord>;
  getTenant(id: string): Promise<TenantRecord | null>;
  listTenants(): Promise<TenantRecord[]>;
  lookupApiKeyByPrefix(prefix: string): Promise<ApiKeyAuthRecord | null>;
  getState(key: string): Promise<SystemStateEntry | null>;
  setState(key: string, value: unknown): Promise<SystemStateEntry>;
}

type Row = Record<string, unknown>;

/** A `tenants` row (from the system functions or the IAM ones) to a record. */
export const toTenant = (r: Row): TenantRecord => ({
  id: String(r['id']),
  name: String(r['name']),
  parentTenantId: r['parent_tenant_id'] === null ? null : String(r['parent_tenant_id']),
  createdAt: toDate(r['created_at']),
});

const toState = (r: Row): SystemStateEntry => ({
  // Read as text and parsed here: driver-side jsonb parsing cannot tell the JSON string "1" from the number 1.
  value: JSON.parse(String(r['value'])) as unknown,
  updatedAt: toDate(r['updated_at']),
});

/** `SystemOperations` over the SQL functions of migrations 0001, 0002 and 0008. */
export class SqlSystemOperations implements SystemOperations {
  constructor(
    private readonly scopes: ScopeRunner,
    private readonly clock: Clock,
  ) {}

  async createTenant(input: { id: string; name: string; parentTenantId?: string | null }): Promise<TenantRecord> {
    const at = new Date(this.clock.now()).toISOString();
    const rows = await this.scopes.asSystem(async (tx) =>
      rowsOf<Row>(
        await tx.execute(
          sql`SELECT * FROM soc_system_create_tenant(${input.id}, ${input.name}, ${input.parentTenantId ?? null}, ${at}::timestamptz)`,
        ),
      ),
    );
    return toTenant(rows[0] as Row);
  }

  async getTenant(id: string): Promise<TenantRecord | null> {
    const rows = await this.scopes.asSystem(async (tx) =>
      rowsOf<Row>(await tx.execute(sql`SELECT * FROM soc_system_get_tenant(${id})`)),
    );
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async listTenants(): Promise<TenantRecord[]> {
    const rows = await this.scopes.asSystem(async (tx) =>
      rowsOf<Row>(await tx.execute(sql`SELECT * FROM soc_system_list_tenants()`)),
    );
    return rows.map(toTenant);
  }

  async lookupApiKeyByPrefix(prefix: string): Promise<ApiKeyAuthRecord | null> {
    const rows = await this.scopes.asSystem(async (tx) =>
      rowsOf<Row>(await tx.execute(sql`SELECT * FROM soc_auth_lookup_api_key(${prefix})`)),
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: String(r['id']),
      tenantId: String(r['tenant_id']),
      secretHash: String(r['secret_hash']),
      scopes: (r['scopes'] as unknown[]).map(String),
      expiresAt: toDateOrNull(r['expires_at']),
      revokedAt: toDateOrNull(r['revoked_at']),
      lastUsedAt: toDateOrNull(r['last_used_at']),
      userId: r['user_id'] === null ? null : String(r['user_id']),
      roles: ((r['roles'] as unknown[] | null) ?? []).map(String),
      userDisabledAt: toDateOrNull(r['user_disabled_at']),
    };
  }

  async getState(key: string): Promise<SystemStateEntry | null> {
    const rows = await this.scopes.asSystem(async (tx) =>
      rowsOf<Row>(await tx.execute(sql`SELECT value::text AS value, updated_at FROM soc_system_get_state(${key})`)),
    );
    return rows[0] ? toState(rows[0]) : null;
  }

  async setState(key: string, value: unknown): Promise<SystemStateEntry> {
    const at = new Date(this.clock.now()).toISOString();
    // jsonb refuses U+0000 and lone surrogates; state holding one (a hostile event value in a
    // correlation window) is saved with U+FFFD in its place rather than not saved at all.
    const json = JSON.stringify(toJsonbSafe(value ?? null).value);
    const rows = await this.scopes.asSystem(async (tx) =>
      rowsOf<Row>(await tx.execute(sql`SELECT value::text AS value, updated_at FROM soc_system_set_state(${key}, ${json}::jsonb, ${at}::timestamptz)`)),
    );
    return toState(rows[0] as Row);
  }
}
