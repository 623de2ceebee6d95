import type { Role } from '@soc/iam';

/** A user of one home tenant, with the roles their active bindings give them there. */
export interface User {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly disabledAt: Date | null;
  readonly disabledBy: string | null;
  /** Active role bindings, in ROLES order (owner first). */
  readonly roles: readonly Role[];
}

/** One (tenant, user, role) binding; revoked ones are kept as history. */
export interface RoleBinding {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
  readonly grantedBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
}

/** Input for creating a user; `roles` are granted in the same transaction. */
export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly roles?: readonly Role[];
}

/** Who makes an identity change, and why; recorded in the audit chain. */
export interface IamChange {
  readonly actor: string;
  readonly reason?: string | null;
}

/** Options of `UserRepository.list`. */
export interface UserListOptions {
  /** 1..500, default 100. */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Include disabled users (default false). */
  readonly includeDisabled?: boolean;
}

/** Users in creation order. */
export interface UserPage {
  readonly items: User[];
  readonly nextCursor?: string;
}

/**
 * Users and their role bindings. Every change appends an audit record (iam.user.created,
 * iam.user.disabled, iam.role.granted, iam.role.revoked) in its own transaction. Who may make
 * which change (the rank rule) is decided by the caller; this store keeps the facts.
 */
export interface UserRepository {
  /** SOC_ERR_IAM_USER_EXISTS if the email is taken in the tenant (any case); SOC_ERR_VALIDATION on bad input. */
  create(tenantId: string, input: NewUser, change: IamChange): Promise<User>;
  get(tenantId: string, userId: string): Promise<User | null>;
  list(tenantId: string, options?: UserListOptions): Promise<UserPage>;
  /** Disable (final, idempotent, audited once): the user's keys stop authenticating. SOC_ERR_NOT_FOUND if absent. */
  disable(tenantId: string, userId: string, change: IamChange): Promise<User>;
  /**
   * Grant a role; `created` is false when the user already held it (nothing written).
   * SOC_ERR_NOT_FOUND for an unknown user, SOC_ERR_IAM_USER_DISABLED for a disabled one.
   */
  grantRole(tenantId: string, userId: string, role: Role, change: IamChange): Promise<{ binding: RoleBinding; created: boolean }>;
  /** Revoke an active binding; SOC_ERR_NOT_FOUND when the user does not hold the role. */
  revokeRole(tenantId: string, userId: string, role: Role, change: IamChange): Promise<RoleBinding>;
}
