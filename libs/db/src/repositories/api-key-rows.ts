import { eq } from 'drizzle-orm';
import { uuidv7 } from '@soc/contracts';
import { notFound, validation } from '@soc/errors';
import { isRole } from '@soc/iam';
import type { TenantTx } from '../drivers/driver';
import { appendAudit, requireActor } from '../detection/audit-repository';
import { userDisabled } from '../iam/iam-errors';
import { apiKeys, users } from '../schema';
import { isApiKeyScope } from '../scopes';
import type { ApiKeyInfo, CreateApiKeyInput } from './api-key-repository';

/** Every column except `secret_hash`, which the runtime role may not read. */
export const INFO_COLUMNS = {
  id: apiKeys.id,
  tenantId: apiKeys.tenantId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  userId: apiKeys.userId,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
  createdBy: apiKeys.createdBy,
};

export type InfoRow = { [K in keyof typeof INFO_COLUMNS]: (typeof INFO_COLUMNS)[K]['_']['data'] | null };

export const toInfo = (r: InfoRow): ApiKeyInfo => ({
  id: r.id as string,
  tenantId: r.tenantId as string,
  name: r.name as string,
  prefix: r.prefix as string,
  scopes: (r.scopes ?? []).filter(isApiKeyScope),
  userId: r.userId,
  role: isRole(r.role) ? r.role : null,
  createdAt: r.createdAt as Date,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt,
  lastUsedAt: r.lastUsedAt,
  createdBy: r.createdBy,
});

/** SOC_ERR_VALIDATION unless the input names a key the store can hold. */
export function validateCreate(input: CreateApiKeyInput): void {
  if (typeof input.name !== 'string' || input.name.length < 1 || input.name.length > 200) {
    throw validation('API key name must be 1..200 characters', { field: 'name' });
  }
  if (!Array.isArray(input.scopes) || input.scopes.length === 0 || !input.scopes.every(isApiKeyScope)) {
    throw validation('API key scopes must be a non-empty list of known scopes', { field: 'scopes' });
  }
  if ((input.userId === undefined) === (input.role === undefined)) {
    throw validation('an API key acts either for a user (userId) or as a service with a role (role), exactly one', { field: 'role' });
  }
  if (input.role !== undefined && !isRole(input.role)) throw validation('unknown role', { field: 'role' });
  if (input.userId !== undefined && (typeof input.userId !== 'string' || input.userId.length < 1 || input.userId.length > 64)) {
    throw validation('userId must be 1..64 characters', { field: 'userId' });
  }
  if (input.expiresAt != null && !(input.expiresAt instanceof Date && Number.isFinite(input.expiresAt.getTime()))) {
    throw validation('expiresAt must be a valid date', { field: 'expiresAt' });
  }
  requireActor(input.createdBy);
}

/**
 * Insert a key and its `iam.key.created` record in the caller's transaction (bound to
 * `tenantId`). A key for a user requires that user to exist in the tenant and be enabled.
 */
export async function insertApiKeyTx(
  tx: TenantTx,
  tenantId: string,
  input: CreateApiKeyInput,
  key: { prefix: string; secretHash: string },
  at: Date,
): Promise<ApiKeyInfo> {
  if (input.userId !== undefined) {
    const [user] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.userId));
    if (!user) throw notFound(`no user ${input.userId}`);
    if (user.disabledAt !== null) throw userDisabled(input.userId);
  }
  const [row] = await tx
    .insert(apiKeys)
    .values({
      id: uuidv7(at.getTime()),
      tenantId,
      name: input.name,
      prefix: key.prefix,
      secretHash: key.secretHash,
      scopes: [...new Set(input.scopes)],
      userId: input.userId ?? null,
      role: input.role ?? null,
      createdAt: at,
      expiresAt: input.expiresAt ?? null,
      createdBy: input.createdBy,
    })
    .returning(INFO_COLUMNS);
  const info = toInfo(row as InfoRow);
  await appendAudit(tx, tenantId, at, [
    {
      actor: input.createdBy,
      action: 'iam.key.created',
      targetType: 'api_key',
      targetId: info.id,
      details: { name: info.name, prefix: info.prefix, scopes: [...info.scopes], role: info.role, userId: info.userId, expiresAt: info.expiresAt?.toISOString() ?? null },
    },
  ]);
  return info;
}
