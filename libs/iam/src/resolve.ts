import { PERMISSIONS, PERMISSION_NAMES, type Permission } from './permissions';
import type { Role } from './roles';
import type { ApiKeyScope } from './scopes';

/** The permissions `role` holds, in catalog order. */
export function permissionsOfRole(role: Role): Permission[] {
  return PERMISSION_NAMES.filter((p) => (PERMISSIONS[p].roles as readonly Role[]).includes(role));
}

/** The permissions a key with `scopes` may use at most, whatever its role. */
export function permissionsOfScopes(scopes: readonly ApiKeyScope[]): Permission[] {
  if (scopes.includes('admin')) return [...PERMISSION_NAMES];
  return PERMISSION_NAMES.filter((p) => (scopes as readonly string[]).includes(PERMISSIONS[p].scope));
}

/**
 * What a credential may do: the union of its roles' permissions, cut down to what its scopes
 * allow. A key never does more than its role, nor more than its scopes.
 */
export function effectivePermissions(roles: readonly Role[], scopes: readonly ApiKeyScope[]): Permission[] {
  const allowed = new Set(permissionsOfScopes(scopes));
  const granted = new Set(roles.flatMap(permissionsOfRole));
  return PERMISSION_NAMES.filter((p) => granted.has(p) && allowed.has(p));
}
