/**
 * Tenant ids: short, URL- and log-safe, never empty (the empty string is what an unbound
 * `soc.tenant_id` reads as). The same pattern is a CHECK constraint on `tenants.id`.
 */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** True when `id` is a well-formed tenant id. */
export function isTenantId(id: unknown): id is string {
  return typeof id === 'string' && TENANT_ID_PATTERN.test(id);
}
