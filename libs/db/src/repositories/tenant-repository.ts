import { validation } from '@soc/errors';
import type { SystemOperations, TenantRecord } from '../system/system-operations';
import { isTenantId } from '../tenant-id';

/** Input for creating a tenant. */
export interface CreateTenantInput {
  readonly id: string;
  readonly name: string;
  /** An MSSP parent; must already exist. */
  readonly parentTenantId?: string | null;
}

/**
 * Tenants. Creation and listing happen before any tenant is bound (bootstrap, admin), so
 * this repository works through the system functions rather than a tenant scope.
 */
export interface TenantRepository {
  /** Create a tenant; SOC_ERR_DB_CONFLICT if the id exists, SOC_ERR_VALIDATION on bad input or unknown parent. */
  create(input: CreateTenantInput): Promise<TenantRecord>;
  /** The tenant, or null. */
  get(id: string): Promise<TenantRecord | null>;
  /** All tenants ordered by id. */
  list(): Promise<TenantRecord[]>;
}

/** `TenantRepository` over `SystemOperations`. */
export class SystemTenantRepository implements TenantRepository {
  constructor(private readonly system: SystemOperations) {}

  create(input: CreateTenantInput): Promise<TenantRecord> {
    if (!isTenantId(input.id)) {
      return Promise.reject(validation('tenant id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}', { field: 'id' }));
    }
    if (typeof input.name !== 'string' || input.name.length < 1 || input.name.length > 200) {
      return Promise.reject(validation('tenant name must be 1..200 characters', { field: 'name' }));
    }
    if (input.parentTenantId != null && !isTenantId(input.parentTenantId)) {
      return Promise.reject(validation('parent tenant id is malformed', { field: 'parentTenantId' }));
    }
    return this.system.createTenant(input);
  }

  async get(id: string): Promise<TenantRecord | null> {
    return isTenantId(id) ? this.system.getTenant(id) : null;
  }

  list(): Promise<TenantRecord[]> {
    return this.system.listTenants();
  }
}
