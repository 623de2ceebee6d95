import type { TenantTx } from '../drivers/driver';

/**
 * What a repository needs from the store: an RLS-bound transaction for one tenant.
 * `Database` satisfies it, so repositories built on it are wired without reaching inside.
 */
export interface TenantScopes {
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
  /** Called after a change to users or role bindings, so cached authentications see it (Database.identityChanged). */
  identityChanged?(): void;
}
