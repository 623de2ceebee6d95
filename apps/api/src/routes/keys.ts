import type { FastifyInstance } from 'fastify';
import type { ApiKeyInfo, ApiKeyRepository, UserRepository } from '@soc/db';
import { notFound, validation } from '@soc/errors';
import type { Role } from '@soc/iam';
import { type Authenticator, ErrorResponse, type Principal, authorize, principalOf, requestActor } from '@soc/http';
import type { Clock } from '@soc/contracts';
import { requireGrantable } from '../iam/grant-policy';
import { ApiKeyList, ApiKeyView, CreateKeyBody, CreatedKeyView, KeyIdParams, ReasonBody } from '../iam/iam-schemas';
import { keyView } from '../iam/iam-views';

export interface KeyRouteOptions {
  auth: Authenticator;
  keys: ApiKeyRepository;
  users: UserRepository;
  clock: Clock;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const TAGS = ['identity'];

/**
 * API keys of the caller's tenant (keys:manage). The plaintext is in the create response only;
 * lists never carry the secret or its hash. A key is never minted or revoked above the caller's
 * own rank: a service key's role, or every role its user holds, must be one the caller could grant.
 */
export async function keyRoutes(app: FastifyInstance, opts: KeyRouteOptions): Promise<void> {
  const manage = { ...authorize(opts.auth, 'keys:manage'), bodyLimit: 16 * 1024 };

  /** The roles a key stands for: its own, or its user's (404 for a user the tenant lacks). */
  const rolesBehind = async (p: Principal, key: { role: Role | null; userId: string | null }): Promise<readonly Role[]> => {
    if (key.role) return [key.role];
    const user = key.userId ? await opts.users.get(p.tenantId, key.userId) : null;
    if (!user) throw notFound(`no user ${key.userId ?? ''}`);
    return user.roles;
  };

  app.post<{ Body: CreateKeyBody }>(
    '/v1/keys',
    { ...manage, schema: { tags: TAGS, summary: 'Create an API key for a user or a service role; the key is shown in this response only (audited)', body: CreateKeyBody, response: { 201: CreatedKeyView, ...errors } } },
    async (req, reply) => {
      const p = principalOf(req);
      const b = req.body;
      if ((b.role === undefined) === (b.userId === undefined)) throw validation('give exactly one of role (a service key) and userId (a key acting for that user)', { field: 'role' });
      const expiresAt = b.expiresAt === undefined ? null : new Date(b.expiresAt);
      if (expiresAt && expiresAt.getTime() <= opts.clock.now()) throw validation('expiresAt must be in the future', { field: 'expiresAt' });
      requireGrantable(p, await rolesBehind(p, { role: b.role ?? null, userId: b.userId ?? null }));
      const created = await opts.keys.create(p.tenantId, {
        name: b.name,
        scopes: b.scopes,
        ...(b.role ? { role: b.role } : {}),
        ...(b.userId ? { userId: b.userId } : {}),
        expiresAt,
        createdBy: requestActor(req),
      });
      return reply.status(201).send({ key: keyView(created.key), plaintext: created.plaintext });
    },
  );

  app.get(
    '/v1/keys',
    { ...manage, schema: { tags: TAGS, summary: "The tenant's API keys, newest first (never the secret)", response: { 200: ApiKeyList, ...errors } } },
    async (req) => ({ items: (await opts.keys.list(principalOf(req).tenantId)).map(keyView) }),
  );

  app.post<{ Params: KeyIdParams; Body: ReasonBody }>(
    '/v1/keys/:id/revoke',
    { ...manage, schema: { tags: TAGS, summary: 'Revoke an API key at once (idempotent, reason required, audited)', params: KeyIdParams, body: ReasonBody, response: { 200: ApiKeyView, ...errors } } },
    async (req) => {
      const p = principalOf(req);
      const key: ApiKeyInfo | null = await opts.keys.get(p.tenantId, req.params.id);
      if (!key) throw notFound(`no API key ${req.params.id}`);
      requireGrantable(p, await rolesBehind(p, key));
      return keyView(await opts.keys.revoke(p.tenantId, key.id, { actor: requestActor(req), reason: req.body.reason }));
    },
  );
}
