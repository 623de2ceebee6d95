import { forbidden } from '@soc/errors';
import { type ApiKeyScope, type Permission, type Role, effectivePermissions } from '@soc/iam';

/**
 * Who is calling and what they may do, resolved once at authentication from the credential,
 * never from the request body.
 */
export interface Principal {
  /**
   * The tenant this request reads or writes: the credential's own, or on a delegated read
   * (X-Soc-Tenant) a child of it. Handlers use this and nothing else as the tenant.
   */
  readonly tenantId: string;
  readonly keyId: string;
  /** The user the key acts for; absent for a service key. */
  readonly userId?: string;
  readonly roles: readonly Role[];
  readonly scopes: readonly ApiKeyScope[];
  /** The roles' permissions cut down to the key's scopes. */
  readonly permissions: ReadonlySet<Permission>;
  /** Only on a delegated read: the credential's own (parent) tenant. */
  readonly delegatedFrom?: string;
}

/** What a delegated read is about, for the child tenant's audit record. */
export interface DelegatedRead {
  readonly permission: Permission;
  readonly method: string;
  /** The route pattern, e.g. `/v1/alerts/:id`. */
  readonly route: string;
  /** The URL as requested (path and query), truncated. */
  readonly url: string;
}

/** Port: resolves credentials to principals and admits MSSP delegated reads. */
export interface Authenticator {
  /** The principal of a bearer token, or undefined when it is not valid. */
  authenticate(token: string): Promise<Principal | undefined>;
  /**
   * True only when `tenantId` is a direct child of the principal's tenant; the adapter has then
   * already recorded the read in the child's audit chain. Without this method every delegation
   * is refused.
   */
  admitDelegatedRead?(principal: Principal, tenantId: string, read: DelegatedRead): Promise<boolean>;
}

/** What a credential is, before its permissions are worked out. */
export interface Credential {
  readonly tenantId: string;
  readonly keyId: string;
  readonly userId?: string | null;
  readonly roles: readonly Role[];
  readonly scopes: readonly ApiKeyScope[];
}

/** The principal of a credential: permissions = the roles' permissions ∩ the scopes' permissions. */
export function principalFor(c: Credential): Principal {
  return {
    tenantId: c.tenantId,
    keyId: c.keyId,
    ...(c.userId ? { userId: c.userId } : {}),
    roles: [...c.roles],
    scopes: [...c.scopes],
    permissions: new Set(effectivePermissions(c.roles, c.scopes)),
  };
}

/** Throws SOC_ERR_FORBIDDEN (details.permission names what is missing) unless the principal holds `permission`. */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!principal.permissions.has(permission)) {
    throw forbidden(`this credential lacks the '${permission}' permission`, { permission });
  }
}

/**
 * The audit actor of a principal: the key, the user it acts for, and on a delegated read the
 * parent tenant, e.g. `tenant:mssp/user:<id>/api-key:<id>`. A service key of the tenant itself
 * is plain `api-key:<id>`, as before roles existed.
 */
export function actorOf(principal: Principal): string {
  return [
    ...(principal.delegatedFrom ? [`tenant:${principal.delegatedFrom}`] : []),
    ...(principal.userId ? [`user:${principal.userId}`] : []),
    `api-key:${principal.keyId}`,
  ].join('/');
}
