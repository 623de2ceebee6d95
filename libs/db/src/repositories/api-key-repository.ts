import type { Role } from '@soc/iam';
import type { ApiKeyScope } from '../scopes';

/** An API key as listed: never the secret or its hash. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** Public prefix, enough to recognise the key in a list or a log. */
  readonly prefix: string;
  readonly scopes: readonly ApiKeyScope[];
  /** The user the key acts for (with that user's role bindings), or null for a service key. */
  readonly userId: string | null;
  /** A service key's own role; null for a user's key. */
  readonly role: Role | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly createdBy: string | null;
}

/**
 * Input for creating a key: exactly one of `userId` (the key acts as that user, with the user's
 * current roles) and `role` (a service key with that role). Scopes narrow either further.
 */
export interface CreateApiKeyInput {
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly userId?: string;
  readonly role?: Role;
  /** Null or absent: never expires. */
  readonly expiresAt?: Date | null;
  /** Who created it; the actor of its `iam.key.created` audit record. */
  readonly createdBy: string;
}

/** Input for registering a key whose plaintext was chosen outside (bootstrap automation). */
export interface ImportApiKeyInput extends CreateApiKeyInput {
  /** `soc_<prefix>_<secret>`; only its hash is stored. */
  readonly plaintext: string;
}

/** A newly created key: `plaintext` exists only in this return value. */
export interface CreatedApiKey {
  readonly key: ApiKeyInfo;
  readonly plaintext: string;
}

/** Who an authenticated key speaks for. The tenant comes from here, never from the request. */
export interface ApiKeyPrincipal {
  readonly keyId: string;
  readonly tenantId: string;
  readonly scopes: readonly ApiKeyScope[];
  /** The user the key acts for, or null for a service key. */
  readonly userId: string | null;
  /** The user's active role bindings in the tenant, or the service key's role. May be empty. */
  readonly roles: readonly Role[];
}

/** Why authentication failed; in error `details.reason`, for logs and metrics only, never for the client. */
export type ApiKeyRejection = 'malformed' | 'unknown' | 'mismatch' | 'expired' | 'revoked' | 'user-disabled';

/** Who changes a key, and why; recorded in the audit chain. */
export interface KeyChange {
  readonly actor: string;
  readonly reason?: string | null;
}

/**
 * API keys: 256-bit random, shown once, stored as a hash, scoped, expiring, revocable. Every
 * creation and revocation appends an audit record in the same transaction.
 */
export interface ApiKeyRepository {
  /**
   * Create a key for `tenantId`; SOC_ERR_VALIDATION on bad name, scopes, or not exactly one of
   * user/role; SOC_ERR_NOT_FOUND for an unknown user, SOC_ERR_IAM_USER_DISABLED for a disabled one.
   */
  create(tenantId: string, input: CreateApiKeyInput): Promise<CreatedApiKey>;
  /**
   * Register a key with a known plaintext (SOC_BOOTSTRAP_API_KEY). Idempotent for the same key
   * and tenant; SOC_ERR_DB_CONFLICT if its prefix belongs to a different key.
   */
  importKey(tenantId: string, input: ImportApiKeyInput): Promise<ApiKeyInfo>;
  /**
   * Verify a presented key. Throws SOC_ERR_UNAUTHENTICATED (details.reason: ApiKeyRejection)
   * when it is malformed, unknown, wrong, expired, revoked, or its user is disabled. Stamps
   * `lastUsedAt` at most once a minute.
   */
  authenticate(plaintext: string): Promise<ApiKeyPrincipal>;
  /** The tenant's keys, newest first. */
  list(tenantId: string): Promise<ApiKeyInfo[]>;
  /** One key of the tenant, or null. */
  get(tenantId: string, keyId: string): Promise<ApiKeyInfo | null>;
  /** Revoke a key (idempotent, audited once); SOC_ERR_NOT_FOUND if the tenant has no such key. */
  revoke(tenantId: string, keyId: string, change: KeyChange): Promise<ApiKeyInfo>;
}
