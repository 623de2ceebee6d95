/**
 * The six roles. A role is held through a role binding (user x tenant x role) or, for a
 * service key that acts for no user, on the key itself; never on the user record.
 */
export const ROLES = ['owner', 'admin', 'soc_lead', 'analyst', 'viewer', 'auditor'] as const;

/** One role. */
export type Role = (typeof ROLES)[number];

/** True when `s` is one of the six roles. */
export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

/**
 * Rank for "nobody grants a role above their own". Viewer and auditor are side by side: an
 * auditor reads the audit trail a viewer cannot, a viewer nothing an auditor cannot, and
 * neither may grant anything (users:manage is owner and admin only).
 */
export const ROLE_RANK: Readonly<Record<Role, number>> = { owner: 5, admin: 4, soc_lead: 3, analyst: 2, viewer: 1, auditor: 1 };

/** The highest rank among `roles`, 0 for none. */
export function highestRank(roles: readonly Role[]): number {
  return roles.reduce((max, r) => Math.max(max, ROLE_RANK[r]), 0);
}

/**
 * Whether a holder of `granterRoles` may grant (or take away, or mint a key with) `role`:
 * only up to their own rank, so an admin can never create an owner, and an owner can create any
 * role. The caller checks users:manage / keys:manage separately.
 */
export function canGrantRole(granterRoles: readonly Role[], role: Role): boolean {
  return ROLE_RANK[role] <= highestRank(granterRoles);
}
