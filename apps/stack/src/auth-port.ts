import { type Database, type TenantDirectory } from '@soc/db';
import { isSocError } from '@soc/errors';
import { type Authenticator, actorOf, principalFor } from '@soc/http';
import type { MetricsRegistry } from '@soc/metrics';

/**
 * API keys in the state database as the HTTP authenticator, and MSSP delegated reads through
 * the tenant directory.
 *
 * Refused authentications are counted (`soc_auth_failures_total{reason}`), not audited: most
 * name no tenant (malformed or unknown keys), and writing one record per refusal would let
 * anyone holding a tenant's public key prefix grow that tenant's append-only chain without
 * bound. The counter is what an alert on credential stuffing watches.
 */
export function apiKeyAuthenticator(db: Database, tenants: TenantDirectory, metrics: MetricsRegistry): Authenticator {
  const failures = metrics.counter('soc_auth_failures_total', 'API key authentications refused, by reason (malformed, unknown, mismatch, expired, revoked, user-disabled)');
  return {
    async authenticate(token) {
      try {
        const p = await db.apiKeys.authenticate(token);
        return principalFor({ tenantId: p.tenantId, keyId: p.keyId, userId: p.userId, roles: p.roles, scopes: p.scopes });
      } catch (err) {
        if (!isSocError(err, 'SOC_ERR_UNAUTHENTICATED')) throw err;
        failures.inc({ reason: String(err.details?.['reason'] ?? 'unknown') });
        return undefined;
      }
    },
    admitDelegatedRead(principal, tenantId, read) {
      return tenants.recordDelegatedRead(principal.tenantId, tenantId, {
        actor: actorOf({ ...principal, delegatedFrom: principal.tenantId }),
        action: 'iam.tenant.read_delegated',
        targetType: 'tenant',
        targetId: tenantId,
        details: { parentTenantId: principal.tenantId, keyId: principal.keyId, userId: principal.userId ?? null, ...read },
      });
    },
  };
}
