import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from '@soc/errors';
import { type Permission, isReadPermission } from '@soc/iam';
import { type Authenticator, type Principal, actorOf, requirePermission } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The permission the route checks; every non-public route declares one (see authorize). */
    permission?: Permission;
  }
}

const BEARER = /^Bearer\s+(\S{1,512})$/i;
/** Header naming a child tenant for an MSSP parent's delegated read. */
export const DELEGATE_HEADER = 'x-soc-tenant';
const MAX_AUDITED_URL = 2000;

/** What a route spreads into its options: the checking hook and the declared permission. */
export interface RouteAccess {
  readonly onRequest: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  readonly config: { readonly permission: Permission };
}

/**
 * Per-route authorization: authenticate `Authorization: Bearer <key>` (401 otherwise), require
 * `permission` (403 SOC_ERR_FORBIDDEN naming it), and handle `X-Soc-Tenant`: a parent tenant's
 * credential may name a direct child on a read permission only; the read is audited in the
 * child's chain before the handler runs. Any other tenant, existing or not, gets the same 403,
 * so the answer reveals nothing about tenants outside the caller's own family.
 * Runs on onRequest, so a refused caller never gets its body read.
 */
export function authorize(auth: Authenticator, permission: Permission): RouteAccess {
  return {
    config: { permission },
    async onRequest(req) {
      const header = req.headers.authorization;
      const m = typeof header === 'string' ? BEARER.exec(header) : null;
      if (!m?.[1]) throw unauthenticated('missing bearer credential');
      const principal = await auth.authenticate(m[1]);
      if (!principal) throw unauthenticated('invalid, expired or revoked credential');
      requirePermission(principal, permission);
      const target = req.headers[DELEGATE_HEADER];
      if (target === undefined || target === principal.tenantId) {
        req.principal = principal;
        return;
      }
      if (!isReadPermission(permission)) throw forbidden('delegated access to another tenant is read-only', { permission, reason: 'delegation-read-only' });
      const admitted =
        typeof target === 'string' &&
        auth.admitDelegatedRead !== undefined &&
        (await auth.admitDelegatedRead(principal, target, { permission, method: req.method, route: req.routeOptions.url ?? '', url: req.url.slice(0, MAX_AUDITED_URL) }));
      if (!admitted) throw forbidden('no delegated access to that tenant', { reason: 'not-a-child-tenant' });
      req.principal = { ...principal, tenantId: target, delegatedFrom: principal.tenantId };
    },
  };
}

/** The principal of a request (its acting tenant in `tenantId`); throws if the route forgot authorize. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated('route is missing authentication');
  return req.principal;
}

/** The audit actor of a request's principal (see actorOf). */
export function requestActor(req: FastifyRequest): string {
  return actorOf(principalOf(req));
}
