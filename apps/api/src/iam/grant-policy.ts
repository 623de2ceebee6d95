import { forbidden } from '@soc/errors';
import { type Role, canGrantRole } from '@soc/iam';
import type { Principal } from '@soc/http';

/**
 * 403 unless the caller may hand out (or take away) each of `roles`: nobody acts above their own
 * rank, so an admin can neither create an owner, mint an owner key, nor disable or strip an owner.
 */
export function requireGrantable(principal: Principal, roles: readonly Role[]): void {
  const above = roles.filter((r) => !canGrantRole(principal.roles, r));
  if (above.length > 0) throw forbidden(`role ${above.join(', ')} is above the caller's own`, { reason: 'role-above-own', roles: above });
}
