import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Clock } from '@soc/contracts';
import { ErrorCodes, SocError, isSocError, notFound, validation } from '@soc/errors';
import { isRole } from '@soc/iam';
import { appendAudit, requireActor } from '../detection/audit-repository';
import type { TenantTx } from '../drivers/driver';
import { DbErrorCodes } from '../errors';
import type { ScopeRunner } from '../scope-runner';
import { apiKeys } from '../schema';
import { isApiKeyScope } from '../scopes';
import type { SystemOperations } from '../system/system-operations';
import { apiKeySecretMatches, generateApiKey, hashApiKeySecret, parseApiKey } from './api-key-format';
import type {
  ApiKeyInfo,
  ApiKeyPrincipal,
  ApiKeyRejection,
  ApiKeyRepository,
  CreateApiKeyInput,
  CreatedApiKey,
  ImportApiKeyInput,
  KeyChange,
} from './api-key-repository';
import { INFO_COLUMNS, type InfoRow, insertApiKeyTx, toInfo, validateCreate } from './api-key-rows';
import type { AuthRecordCache } from './auth-record-cache';

/** `lastUsedAt` is a coarse signal; writing it on every request would turn each read into a write. */
const LAST_USED_GRANULARITY_MS = 60_000;

const reject = (reason: ApiKeyRejection): SocError =>
  new SocError(ErrorCodes.UNAUTHENTICATED, 'missing or invalid credential', { httpStatus: 401, details: { reason } });

/** A hash no secret produces in practice, compared against when the prefix is unknown so both paths hash. */
const UNKNOWN_KEY_HASH = hashApiKeySecret('unknown-prefix');

/** `ApiKeyRepository` on drizzle: writes in the tenant's RLS scope, lookup through the auth system function. */
export class DrizzleApiKeyRepository implements ApiKeyRepository {
  constructor(
    private readonly scopes: ScopeRunner,
    private readonly system: SystemOperations,
    private readonly clock: Clock,
    /** Lookups of `authenticate`; the repository invalidates it on its own changes. */
    private readonly authCache: AuthRecordCache,
  ) {}

  async create(tenantId: string, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    validateCreate(input);
    // The prefix has ~41 bits; a collision is rare but possible, and the unique index reports it.
    for (let attempt = 1; ; attempt++) {
      try {
        const generated = generateApiKey();
        const key = await this.insert(tenantId, input, generated);
        return { key, plaintext: generated.plaintext };
      } catch (err) {
        if (attempt >= 3 || !isSocError(err, DbErrorCodes.CONFLICT)) throw err;
      }
    }
  }

  async importKey(tenantId: string, input: ImportApiKeyInput): Promise<ApiKeyInfo> {
    validateCreate(input);
    const parsed = parseApiKey(input.plaintext);
    if (!parsed) throw validation('imported API key is not in the soc_<prefix>_<secret> format', { field: 'plaintext' });
    const found = await this.system.lookupApiKeyByPrefix(parsed.prefix);
    if (found) {
      // Re-importing the same key is a no-op (every restart with SOC_BOOTSTRAP_API_KEY does it);
      // a different secret or tenant behind the same prefix is refused, never overwritten.
      if (found.tenantId === tenantId && apiKeySecretMatches(parsed.secret, found.secretHash)) {
        const existing = await this.get(tenantId, found.id);
        if (existing) return existing;
      }
      throw new SocError(DbErrorCodes.CONFLICT, 'an API key with this prefix already exists', { httpStatus: 409 });
    }
    return this.insert(tenantId, input, { prefix: parsed.prefix, secretHash: hashApiKeySecret(parsed.secret) });
  }

  private insert(tenantId: string, input: CreateApiKeyInput, key: { prefix: string; secretHash: string }): Promise<ApiKeyInfo> {
    const at = new Date(this.clock.now());
    return this.changeKeys(tenantId, (tx) => insertApiKeyTx(tx, tenantId, input, key, at));
  }

  /**
   * A transaction that changes API keys. Cached key lookups are dropped after it, so the change
   * applies at the next request; also when it fails, since a failure may come after the commit.
   */
  private async changeKeys<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    try {
      return await this.scopes.withTenant(tenantId, fn);
    } finally {
      this.authCache.invalidate();
    }
  }

  async authenticate(plaintext: string): Promise<ApiKeyPrincipal> {
    const parsed = parseApiKey(plaintext);
    if (!parsed) throw reject('malformed');
    const found = await this.authCache.lookup(parsed.prefix, (prefix) => this.system.lookupApiKeyByPrefix(prefix));
    const matches = apiKeySecretMatches(parsed.secret, found?.secretHash ?? UNKNOWN_KEY_HASH);
    if (!found) throw reject('unknown');
    if (!matches) throw reject('mismatch');
    const now = this.clock.now();
    if (found.revokedAt !== null && found.revokedAt.getTime() <= now) throw reject('revoked');
    if (found.expiresAt !== null && found.expiresAt.getTime() <= now) throw reject('expired');
    if (found.userDisabledAt !== null && found.userDisabledAt.getTime() <= now) throw reject('user-disabled');
    if (found.lastUsedAt === null || now - found.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
      await this.touch(found.tenantId, found.id, now);
      this.authCache.noteUsed(parsed.prefix, new Date(now));
    }
    return {
      keyId: found.id,
      tenantId: found.tenantId,
      scopes: found.scopes.filter(isApiKeyScope),
      userId: found.userId,
      roles: found.roles.filter(isRole),
    };
  }

  private async touch(tenantId: string, keyId: string, now: number): Promise<void> {
    const staleBefore = new Date(now - LAST_USED_GRANULARITY_MS);
    // The condition is repeated in SQL so concurrent requests with the same key write once.
    await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .update(apiKeys)
        .set({ lastUsedAt: new Date(now) })
        .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)))),
    );
  }

  async list(tenantId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx.select(INFO_COLUMNS).from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)),
    );
    return rows.map(toInfo);
  }

  async get(tenantId: string, keyId: string): Promise<ApiKeyInfo | null> {
    const rows = await this.scopes.withTenant(tenantId, (tx) => tx.select(INFO_COLUMNS).from(apiKeys).where(eq(apiKeys.id, keyId)));
    return rows[0] ? toInfo(rows[0]) : null;
  }

  async revoke(tenantId: string, keyId: string, change: KeyChange): Promise<ApiKeyInfo> {
    const actor = requireActor(change.actor);
    const now = new Date(this.clock.now());
    const row = await this.changeKeys(tenantId, async (tx) => {
      const updated = await tx
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
        .returning(INFO_COLUMNS);
      if (updated[0]) {
        await appendAudit(tx, tenantId, now, [
          { actor, action: 'iam.key.revoked', targetType: 'api_key', targetId: keyId, reason: change.reason ?? null, details: { prefix: updated[0].prefix } },
        ]);
        return updated[0];
      }
      const existing = await tx.select(INFO_COLUMNS).from(apiKeys).where(eq(apiKeys.id, keyId));
      return existing[0];
    });
    if (!row) throw notFound(`API key ${keyId} not found`);
    return toInfo(row as InfoRow);
  }
}
