import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { type Clock, uuidv7 } from '@soc/contracts';
import { isSocError, notFound, validation } from '@soc/errors';
import type { Role } from '@soc/iam';
import type { TenantTx } from '../drivers/driver';
import { appendAudit, requireActor } from '../detection/audit-repository';
import { decodeKeysetCursor, encodeKeysetCursor } from '../detection/keyset-cursor';
import type { TenantScopes } from '../detection/tenant-scopes';
import { DbErrorCodes } from '../errors';
import { roleBindings, users } from '../schema';
import { userDisabled, userExists } from './iam-errors';
import { checkNewUser, checkReason, checkRole, sortRoles, toBinding, toUser } from './iam-rows';
import type { IamChange, NewUser, RoleBinding, User, UserListOptions, UserPage, UserRepository } from './user-repository';

const CURSOR_KIND = 'users';

/** Active roles of `userIds`, by user. */
async function activeRoles(tx: TenantTx, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await tx
    .select({ userId: roleBindings.userId, role: roleBindings.role })
    .from(roleBindings)
    .where(and(inArray(roleBindings.userId, [...userIds]), isNull(roleBindings.revokedAt)));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role]);
  return out;
}

async function loadUser(tx: TenantTx, userId: string): Promise<User | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, userId));
  if (!row) return null;
  return toUser(row, (await activeRoles(tx, [userId])).get(userId) ?? []);
}

/** `UserRepository` on drizzle; every statement runs as soc_app in the tenant's RLS scope. */
export class DrizzleUserRepository implements UserRepository {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock,
  ) {}

  async create(tenantId: string, input: NewUser, change: IamChange): Promise<User> {
    checkNewUser(input.email, input.displayName, input.roles ?? []);
    const roles = sortRoles(input.roles ?? []);
    const actor = requireActor(change.actor);
    const reason = checkReason(change.reason);
    const at = new Date(this.clock.now());
    try {
      return await this.scopes.withTenant(tenantId, async (tx) => {
        const id = uuidv7(at.getTime());
        const [row] = await tx.insert(users).values({ tenantId, id, email: input.email, displayName: input.displayName.trim(), createdAt: at, createdBy: actor }).returning();
        if (!row) throw new Error('insert returned no row');
        await appendAudit(tx, tenantId, at, [{ actor, action: 'iam.user.created', targetType: 'user', targetId: id, reason, details: { email: row.email, displayName: row.displayName } }]);
        for (const role of roles) await this.insertBinding(tx, tenantId, id, role, actor, reason, at);
        return toUser(row, roles);
      });
    } catch (err) {
      if (isSocError(err, DbErrorCodes.CONFLICT)) throw userExists();
      throw err;
    }
  }

  get(tenantId: string, userId: string): Promise<User | null> {
    return this.scopes.withTenant(tenantId, (tx) => loadUser(tx, userId));
  }

  async list(tenantId: string, options: UserListOptions = {}): Promise<UserPage> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw validation('limit must be an integer in 1..500', { field: 'limit' });
    const after = options.cursor === undefined ? undefined : decodeKeysetCursor(CURSOR_KIND, options.cursor, 'string').id;
    return this.scopes.withTenant(tenantId, async (tx) => {
      // Ids are uuidv7: id order is creation order (to the millisecond), and the id alone is the keyset.
      const rows = await tx
        .select()
        .from(users)
        .where(and(after === undefined ? undefined : gt(users.id, after), options.includeDisabled ? undefined : isNull(users.disabledAt)))
        .orderBy(asc(users.id))
        .limit(limit + 1);
      const more = rows.length > limit;
      if (more) rows.length = limit;
      const roles = await activeRoles(tx, rows.map((r) => r.id));
      const items = rows.map((r) => toUser(r, roles.get(r.id) ?? []));
      const last = items[items.length - 1];
      return { items, ...(more && last ? { nextCursor: encodeKeysetCursor(CURSOR_KIND, { key: last.id, id: last.id }) } : {}) };
    });
  }

  async disable(tenantId: string, userId: string, change: IamChange): Promise<User> {
    const actor = requireActor(change.actor);
    const reason = checkReason(change.reason);
    const at = new Date(this.clock.now());
    const user = await this.changeIdentity(tenantId, async (tx) => {
      const updated = await tx
        .update(users)
        .set({ disabledAt: at, disabledBy: actor })
        .where(and(eq(users.id, userId), isNull(users.disabledAt)))
        .returning({ id: users.id });
      if (updated[0]) await appendAudit(tx, tenantId, at, [{ actor, action: 'iam.user.disabled', targetType: 'user', targetId: userId, reason, details: {} }]);
      return loadUser(tx, userId);
    });
    if (!user) throw notFound(`no user ${userId}`);
    return user;
  }

  async grantRole(tenantId: string, userId: string, role: Role, change: IamChange): Promise<{ binding: RoleBinding; created: boolean }> {
    checkRole(role);
    const actor = requireActor(change.actor);
    const reason = checkReason(change.reason);
    const at = new Date(this.clock.now());
    return this.changeIdentity(tenantId, async (tx) => {
      const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for('update');
      if (!user) throw notFound(`no user ${userId}`);
      if (user.disabledAt !== null) throw userDisabled(userId);
      const [held] = await tx.select().from(roleBindings).where(and(eq(roleBindings.userId, userId), eq(roleBindings.role, role), isNull(roleBindings.revokedAt)));
      if (held) return { binding: toBinding(held), created: false };
      return { binding: await this.insertBinding(tx, tenantId, userId, role, actor, reason, at), created: true };
    });
  }

  async revokeRole(tenantId: string, userId: string, role: Role, change: IamChange): Promise<RoleBinding> {
    checkRole(role);
    const actor = requireActor(change.actor);
    const reason = checkReason(change.reason);
    const at = new Date(this.clock.now());
    return this.changeIdentity(tenantId, async (tx) => {
      const [row] = await tx
        .update(roleBindings)
        .set({ revokedAt: at, revokedBy: actor })
        .where(and(eq(roleBindings.userId, userId), eq(roleBindings.role, role), isNull(roleBindings.revokedAt)))
        .returning();
      if (!row) throw notFound(`user ${userId} does not hold role ${role}`);
      await appendAudit(tx, tenantId, at, [{ actor, action: 'iam.role.revoked', targetType: 'user', targetId: userId, reason, details: { role, bindingId: row.id } }]);
      return toBinding(row);
    });
  }

  /**
   * A transaction that changes users or role bindings. Cached key lookups are dropped after it
   * (Database.identityChanged), so the change applies at the next request; also when it fails,
   * since a failure may come after the commit.
   */
  private async changeIdentity<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    try {
      return await this.scopes.withTenant(tenantId, fn);
    } finally {
      this.scopes.identityChanged?.();
    }
  }

  private async insertBinding(tx: TenantTx, tenantId: string, userId: string, role: Role, actor: string, reason: string | null, at: Date): Promise<RoleBinding> {
    const id = uuidv7(at.getTime());
    const [row] = await tx.insert(roleBindings).values({ tenantId, id, userId, role, grantedBy: actor, createdAt: at }).returning();
    if (!row) throw new Error('insert returned no row');
    await appendAudit(tx, tenantId, at, [{ actor, action: 'iam.role.granted', targetType: 'user', targetId: userId, reason, details: { role, bindingId: id } }]);
    return toBinding(row);
  }
}
