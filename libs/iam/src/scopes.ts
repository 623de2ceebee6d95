/**
 * API key scopes: a ceiling on what a key may do, below its role. `ingest` (send events),
 * `read` (every read), `write` (SOC work: triage cases, manage rules), `admin` (everything,
 * including users, keys and tenants). New scopes are appended; stored keys keep their strings.
 */
export const API_KEY_SCOPES = ['ingest', 'read', 'admin', 'write'] as const;

/** One API key scope. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** True when `s` is a scope this code knows. */
export function isApiKeyScope(s: unknown): s is ApiKeyScope {
  return typeof s === 'string' && (API_KEY_SCOPES as readonly string[]).includes(s);
}
