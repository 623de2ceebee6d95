import type { ApiKeyScope } from '@soc/iam';
import type { NewAuditEvent } from '../detection/audit-repository';
import type { CreatedApiKey } from '../repositories/api-key-repository';
import type { TenantRecord } from '../system/system-operations';
import type { IamChange } from './user-repository';

/** A child tenant to create, with the owner key that is its first way in. */
export interface NewChildTenant {
  readonly id: string;
  readonly name: string;
  readonly ownerKey: { readonly name: string; readonly scopes: readonly ApiKeyScope[]; readonly expiresAt?: Date | null };
}

/** The new child and its owner key; the key's plaintext exists only here. */
export interface CreatedChildTenant {
  readonly tenant: TenantRecord;
  readonly ownerKey: CreatedApiKey;
}

/**
 * MSSP tenancy seen from one tenant: itself and its direct children. Every question is asked
 * of the bound tenant, so no caller can learn about a tenant that is not its own or its child.
 */
export interface TenantDirectory {
  /** The tenant itself (first) and its direct children, by id. */
  visible(tenantId: string): Promise<TenantRecord[]>;
  /**
   * Create a child of `parentTenantId` with an owner service key, in one transaction, audited
   * in both chains (iam.tenant.created in each, iam.key.created in the child's).
   * SOC_ERR_IAM_TENANT_EXISTS if the id is taken.
   */
  createChild(parentTenantId: string, input: NewChildTenant, change: IamChange): Promise<CreatedChildTenant>;
  /**
   * Admit a read of `childTenantId` by a credential of `parentTenantId`: false unless the child's
   * parent is exactly that tenant; when true, `record` is already in the child's audit chain.
   */
  recordDelegatedRead(parentTenantId: string, childTenantId: string, record: NewAuditEvent): Promise<boolean>;
}
