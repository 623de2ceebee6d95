/** API key scopes. New scopes are appended here; stored keys keep the strings they were given. */
export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;

/** One API key scope. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** True when `s` is a scope this code knows. */
export function isApiKeyScope(s: unknown): s is ApiKeyScope {
  return typeof s === 'string' && (API_KEY_SCOPES as readonly string[]).includes(s);
}
