import type { ApiKeyScope } from '../scopes';

/** An API key as listed: never the secret or its hash. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** Public prefix, enough to recognise the key in a list or a log. */
  readonly prefix: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly createdBy: string | null;
}

/** Input for creating a key. */
export interface CreateApiKeyInput {
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  /** Null or absent: never expires. */
  readonly expiresAt?: Date | null;
  /** Who created it (user or key id), for audit. */
  readonly createdBy?: string | null;
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
}

/** Why authentication failed; in error `details.reason`, for logs only, never for the client. */
export type ApiKeyRejection = 'malformed' | 'unknown' | 'mismatch' | 'expired' | 'revoked';

/** API keys: 256-bit random, shown once, stored as a hash, scoped, expiring, revocable. */
export interface ApiKeyRepository {
  /** Create a key for `tenantId`; SOC_ERR_VALIDATION on bad name or scopes. */
  create(tenantId: string, input: CreateApiKeyInput): Promise<CreatedApiKey>;
  /**
   * Register a key with a known plaintext (SOC_BOOTSTRAP_API_KEY). Idempotent for the same key
   * and tenant; SOC_ERR_DB_CONFLICT if its prefix belongs to a different key.
   */
  importKey(tenantId: string, input: ImportApiKeyInput): Promise<ApiKeyInfo>;
  /**
   * Verify a presented key. Throws SOC_ERR_UNAUTHENTICATED (details.reason: ApiKeyRejection)
   * when it is malformed, unknown, wrong, expired or revoked. Stamps `lastUsedAt` at most once a minute.
   */
  authenticate(plaintext: string): Promise<ApiKeyPrincipal>;
  /** The tenant's keys, newest first. */
  list(tenantId: string): Promise<ApiKeyInfo[]>;
  /** Revoke a key (idempotent); SOC_ERR_NOT_FOUND if the tenant has no such key. */
  revoke(tenantId: string, keyId: string): Promise<ApiKeyInfo>;
}
