import type { FastifyInstance } from 'fastify';
import type { TenantDirectory } from '@soc/db';
import { validation } from '@soc/errors';
import type { Clock } from '@soc/contracts';
import { type Authenticator, ErrorResponse, authorize, principalOf, requestActor } from '@soc/http';
import { CreateTenantBody, CreatedTenantView, TenantList } from '../iam/iam-schemas';
import { keyView, tenantView } from '../iam/iam-views';

export interface TenantRouteOptions {
  auth: Authenticator;
  tenants: TenantDirectory;
  clock: Clock;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse };
const TAGS = ['identity'];

/**
 * The caller's tenant and its direct children (tenants:read), and creating a child
 * (tenants:manage, owner only): an MSSP parent onboards a customer and gets the child's first
 * owner key once. The parent then reads the child with X-Soc-Tenant; it never writes there.
 */
export async function tenantRoutes(app: FastifyInstance, opts: TenantRouteOptions): Promise<void> {
  app.get(
    '/v1/tenants',
    { ...authorize(opts.auth, 'tenants:read'), schema: { tags: TAGS, summary: 'This tenant and its direct child tenants', response: { 200: TenantList, ...errors } } },
    async (req) => ({ items: (await opts.tenants.visible(principalOf(req).tenantId)).map(tenantView) }),
  );

  app.post<{ Body: CreateTenantBody }>(
    '/v1/tenants',
    {
      ...authorize(opts.auth, 'tenants:manage'),
      bodyLimit: 16 * 1024,
      schema: { tags: TAGS, summary: 'Create a child tenant with an owner key, shown in this response only (audited in both tenants)', body: CreateTenantBody, response: { 201: CreatedTenantView, ...errors } },
    },
    async (req, reply) => {
      const b = req.body;
      const expiresAt = b.ownerKey?.expiresAt === undefined ? null : new Date(b.ownerKey.expiresAt);
      if (expiresAt && expiresAt.getTime() <= opts.clock.now()) throw validation('ownerKey.expiresAt must be in the future', { field: 'ownerKey.expiresAt' });
      const created = await opts.tenants.createChild(
        principalOf(req).tenantId,
        { id: b.id, name: b.name, ownerKey: { name: b.ownerKey?.name ?? `${b.id} owner`, scopes: b.ownerKey?.scopes ?? ['admin'], expiresAt } },
        { actor: requestActor(req), reason: b.reason ?? null },
      );
      return reply.status(201).send({ tenant: tenantView(created.tenant), ownerKey: { key: keyView(created.ownerKey.key), plaintext: created.ownerKey.plaintext } });
    },
  );
}
