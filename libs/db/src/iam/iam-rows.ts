import { validation } from '@soc/errors';
import { ROLES, type Role, isRole } from '@soc/iam';
import type { roleBindings, users } from '../schema';
import type { RoleBinding, User } from './user-repository';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Roles in catalog order (owner first), whatever order the rows came in. */
export const sortRoles = (roles: readonly string[]): Role[] => ROLES.filter((r) => roles.includes(r));

export const toUser = (r: typeof users.$inferSelect, roles: readonly string[]): User => ({
  id: r.id,
  tenantId: r.tenantId,
  email: r.email,
  displayName: r.displayName,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  disabledAt: r.disabledAt,
  disabledBy: r.disabledBy,
  roles: sortRoles(roles),
});

export const toBinding = (r: typeof roleBindings.$inferSelect): RoleBinding => ({
  id: r.id,
  tenantId: r.tenantId,
  userId: r.userId,
  role: r.role as Role,
  grantedBy: r.grantedBy,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
  revokedBy: r.revokedBy,
});

/** SOC_ERR_VALIDATION unless the new user fits the table's checks. */
export function checkNewUser(email: unknown, displayName: unknown, roles: readonly unknown[]): void {
  if (typeof email !== 'string' || email.length < 3 || email.length > 320 || !EMAIL.test(email)) throw validation('email must be an address of 3..320 characters', { field: 'email' });
  if (typeof displayName !== 'string' || displayName.trim().length < 1 || displayName.length > 200) throw validation('displayName must be 1..200 characters', { field: 'displayName' });
  if (!roles.every(isRole)) throw validation(`roles must be among ${ROLES.join(', ')}`, { field: 'roles' });
}

/** SOC_ERR_VALIDATION unless `role` is one of the six. */
export function checkRole(role: unknown): Role {
  if (!isRole(role)) throw validation(`role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  return role;
}

/** Optional reasons are bounded like the other audited changes. */
export function checkReason(reason: string | null | undefined): string | null {
  if (reason == null) return null;
  if (typeof reason !== 'string' || reason.length > 2000) throw validation('reason must be at most 2000 characters', { field: 'reason' });
  return reason;
}
