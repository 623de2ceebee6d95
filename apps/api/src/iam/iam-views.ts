import type { ApiKeyInfo, RoleBinding, TenantRecord, User } from '@soc/db';
import type { ApiKeyView, RoleBindingView, TenantView, UserView } from './iam-schemas';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export const userView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  roles: [...u.roles],
  createdAt: u.createdAt.toISOString(),
  createdBy: u.createdBy,
  disabledAt: iso(u.disabledAt),
  disabledBy: u.disabledBy,
});

export const bindingView = (b: RoleBinding): RoleBindingView => ({
  id: b.id,
  userId: b.userId,
  role: b.role,
  grantedBy: b.grantedBy,
  createdAt: b.createdAt.toISOString(),
  revokedAt: iso(b.revokedAt),
  revokedBy: b.revokedBy,
});

/** Never the secret or its hash: ApiKeyInfo has neither. */
export const keyView = (k: ApiKeyInfo): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: [...k.scopes],
  role: k.role,
  userId: k.userId,
  createdAt: k.createdAt.toISOString(),
  createdBy: k.createdBy,
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
  lastUsedAt: iso(k.lastUsedAt),
});

export const tenantView = (t: TenantRecord): TenantView => ({ id: t.id, name: t.name, parentTenantId: t.parentTenantId, createdAt: t.createdAt.toISOString() });
