import type { FastifyInstance } from 'fastify';
import type { UserRepository } from '@soc/db';
import { notFound } from '@soc/errors';
import { type Authenticator, ErrorResponse, authorize, principalOf, requestActor } from '@soc/http';
import { requireGrantable } from '../iam/grant-policy';
import {
  CreateUserBody,
  GrantBody,
  ReasonBody,
  RoleBindingView,
  UserIdParams,
  UserListQuery,
  UserPageView,
  UserRoleParams,
  UserView,
} from '../iam/iam-schemas';
import { bindingView, userView } from '../iam/iam-views';

export interface UserRouteOptions {
  auth: Authenticator;
  users: UserRepository;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const TAGS = ['identity'];
const BODY_LIMIT = 16 * 1024;

/**
 * Users of the caller's tenant and their role bindings (users:manage). Every change is audited
 * with the caller as actor, and nobody grants, strips or disables a role above their own.
 */
export async function userRoutes(app: FastifyInstance, opts: UserRouteOptions): Promise<void> {
  const manage = { ...authorize(opts.auth, 'users:manage'), bodyLimit: BODY_LIMIT };
  const users = opts.users;
  const existing = async (tenantId: string, id: string) => {
    const user = await users.get(tenantId, id);
    if (!user) throw notFound(`no user ${id}`);
    return user;
  };

  app.post<{ Body: CreateUserBody }>(
    '/v1/users',
    { ...manage, schema: { tags: TAGS, summary: 'Create a user, optionally with roles (audited)', body: CreateUserBody, response: { 201: UserView, ...errors } } },
    async (req, reply) => {
      const p = principalOf(req);
      requireGrantable(p, req.body.roles ?? []);
      const user = await users.create(p.tenantId, { email: req.body.email, displayName: req.body.displayName, roles: req.body.roles ?? [] }, { actor: requestActor(req), reason: req.body.reason ?? null });
      return reply.status(201).send(userView(user));
    },
  );

  app.get<{ Querystring: UserListQuery }>(
    '/v1/users',
    { ...manage, schema: { tags: TAGS, summary: 'List users with their roles, in creation order', querystring: UserListQuery, response: { 200: UserPageView, ...errors } } },
    async (req) => {
      const q = req.query;
      const page = await users.list(principalOf(req).tenantId, { limit: q.limit ?? 100, ...(q.cursor ? { cursor: q.cursor } : {}), ...(q.includeDisabled ? { includeDisabled: true } : {}) });
      return { items: page.items.map(userView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  app.get<{ Params: UserIdParams }>(
    '/v1/users/:id',
    { ...manage, schema: { tags: TAGS, summary: 'One user with their roles', params: UserIdParams, response: { 200: UserView, ...errors } } },
    async (req) => userView(await existing(principalOf(req).tenantId, req.params.id)),
  );

  app.post<{ Params: UserIdParams; Body: ReasonBody }>(
    '/v1/users/:id/disable',
    { ...manage, schema: { tags: TAGS, summary: "Disable a user: their keys stop working at once (final, reason required, audited)", params: UserIdParams, body: ReasonBody, response: { 200: UserView, ...errors } } },
    async (req) => {
      const p = principalOf(req);
      requireGrantable(p, (await existing(p.tenantId, req.params.id)).roles);
      return userView(await users.disable(p.tenantId, req.params.id, { actor: requestActor(req), reason: req.body.reason }));
    },
  );

  app.post<{ Params: UserIdParams; Body: GrantBody }>(
    '/v1/users/:id/roles',
    { ...manage, schema: { tags: TAGS, summary: 'Grant a role (201; 200 when already held; audited)', params: UserIdParams, body: GrantBody, response: { 200: RoleBindingView, 201: RoleBindingView, ...errors } } },
    async (req, reply) => {
      const p = principalOf(req);
      requireGrantable(p, [req.body.role]);
      const { binding, created } = await users.grantRole(p.tenantId, req.params.id, req.body.role, { actor: requestActor(req), reason: req.body.reason ?? null });
      return reply.status(created ? 201 : 200).send(bindingView(binding));
    },
  );

  app.post<{ Params: UserRoleParams; Body: ReasonBody }>(
    '/v1/users/:id/roles/:role/revoke',
    { ...manage, schema: { tags: TAGS, summary: 'Revoke a role (reason required, audited)', params: UserRoleParams, body: ReasonBody, response: { 200: RoleBindingView, ...errors } } },
    async (req) => {
      const p = principalOf(req);
      requireGrantable(p, [req.params.role]);
      return bindingView(await users.revokeRole(p.tenantId, req.params.id, req.params.role, { actor: requestActor(req), reason: req.body.reason }));
    },
  );
}
