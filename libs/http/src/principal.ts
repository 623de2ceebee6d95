import { forbidden } from '@soc/errors';

/** Who is calling: always derived from the credential, never from the request body. */
export interface Principal {
  tenantId: string;
  keyId: string;
  scopes: readonly string[];
}

/** Port: resolves a bearer token to a principal, or undefined when it is not valid. */
export interface Authenticator {
  authenticate(token: string): Promise<Principal | undefined>;
}

/** Throws SOC_ERR_FORBIDDEN unless the principal holds `scope` (admin implies every scope). */
export function requireScope(principal: Principal, scope: string): void {
  if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
    throw forbidden(`credential lacks the '${scope}' scope`);
  }
}
