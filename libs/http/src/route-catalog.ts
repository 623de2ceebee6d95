import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Permission } from '@soc/iam';

/** One registered route and the permission it checks (none for a public route). */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly permission?: Permission;
  readonly public: boolean;
}

const catalogs = new WeakMap<FastifyInstance, RouteEntry[]>();

/**
 * Public means the route says so in its OpenAPI schema: `security: []` (health, readiness,
 * metrics) or `hide: true` (the documentation UI's own assets).
 */
function isPublic(route: RouteOptions): boolean {
  const schema = route.schema as { security?: unknown; hide?: unknown } | undefined;
  return (Array.isArray(schema?.security) && schema.security.length === 0) || schema?.hide === true;
}

/**
 * Fail closed at boot: every route registered on `app` (and its plugins) must either declare a
 * permission through `authorize` or be public. A route that does neither stops the server from
 * starting instead of serving unchecked. The routes are kept for `routeCatalog`.
 */
export function installRouteGuard(app: FastifyInstance): void {
  const entries: RouteEntry[] = [];
  catalogs.set(app, entries);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    const open = isPublic(route);
    for (const method of [route.method].flat()) {
      if (!permission && !open) throw new Error(`route ${method} ${route.url} declares no permission: use authorize(), or schema.security [] for a public route`);
      entries.push({ method, url: route.url, ...(permission ? { permission } : {}), public: open && !permission });
    }
  });
}

/** Every route registered on `app` since `installRouteGuard`, in registration order (HEAD twins included). */
export function routeCatalog(app: FastifyInstance): readonly RouteEntry[] {
  return catalogs.get(app) ?? [];
}
