import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthenticated } from '@soc/errors';
import { type Authenticator, type Principal, requireScope } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const BEARER = /^Bearer\s+(\S{1,512})$/i;

/**
 * A preHandler that authenticates `Authorization: Bearer <key>` and checks one scope.
 * Register it per route so every route states the permission it needs.
 */
export function authenticate(auth: Authenticator, scope: string) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!m?.[1]) throw unauthenticated('missing bearer credential');
    const principal = await auth.authenticate(m[1]);
    if (!principal) throw unauthenticated('invalid, expired or revoked credential');
    requireScope(principal, scope);
    req.principal = principal;
  };
}

/** The authenticated principal of a request; throws if the route forgot its auth hook. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated('route is missing authentication');
  return req.principal;
}
