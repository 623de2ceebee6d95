import type { FastifyInstance } from 'fastify';
import type { Clock } from '@soc/contracts';
import type { AlertRepository, ApiKeyRepository, AuditRepository, CaseRepository, RuleRepository, TenantDirectory, UserRepository } from '@soc/db';
import type { EventStore } from '@soc/eventstore';
import type { EntityGraph } from '@soc/graph';
import type { Authenticator } from '@soc/http';
import type { MetricsRegistry } from '@soc/metrics';
import { alertRoutes } from './routes/alerts';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { type DeadLetterReader, deadLetterRoutes } from './routes/dead-letters';
import { entityRoutes } from './routes/entities';
import { eventRoutes } from './routes/events';
import { type ReadinessCheck, healthRoutes } from './routes/health';
import { keyRoutes } from './routes/keys';
import { ruleRoutes } from './routes/rules';
import { tenantRoutes } from './routes/tenants';
import { userRoutes } from './routes/users';

/** The stores behind the identity routes (users, role bindings, keys, child tenants). */
export interface IdentityStores {
  users: UserRepository;
  keys: ApiKeyRepository;
  tenants: TenantDirectory;
  clock: Clock;
}

export interface ApiRouteOptions {
  auth: Authenticator;
  /** Required when `routes` is true. */
  store: EventStore | undefined;
  deadLetters: DeadLetterReader;
  /** Detection rules; the /v1/rules routes are served when present. */
  rules?: RuleRepository;
  /** Alerts; the /v1/alerts routes are served when present. */
  alerts?: AlertRepository;
  /** The audit trail; the /v1/audit routes are served when present. */
  audit?: AuditRepository;
  /** Cases; the /v1/cases routes are served when present. */
  cases?: CaseRepository;
  /** Identity and access; the /v1/users, /v1/keys and /v1/tenants routes are served when present. */
  identity?: IdentityStores;
  /** The entity graph; GET /v1/entities/{type}/{id} is served when it, alerts and cases are present. */
  graph?: Pick<EntityGraph, 'getEntity' | 'neighbourhood'>;
  metrics: MetricsRegistry;
  checks: readonly ReadinessCheck[];
  /** Serve the gateway routes; false on a process that only ingests (health and metrics stay). */
  routes: boolean;
}

/** Every gateway route of this release; each route declares its own permission. */
export async function apiRoutes(app: FastifyInstance, opts: ApiRouteOptions): Promise<void> {
  await app.register(healthRoutes, { checks: opts.checks, metrics: opts.metrics });
  if (!opts.routes) return;
  if (!opts.store) throw new Error('the api routes need an event store');
  await app.register(eventRoutes, { store: opts.store, auth: opts.auth });
  await app.register(deadLetterRoutes, { auth: opts.auth, deadLetters: opts.deadLetters });
  if (opts.rules) await app.register(ruleRoutes, { auth: opts.auth, rules: opts.rules });
  if (opts.alerts) await app.register(alertRoutes, { auth: opts.auth, alerts: opts.alerts });
  if (opts.audit) await app.register(auditRoutes, { auth: opts.auth, audit: opts.audit });
  if (opts.cases) await app.register(caseRoutes, { auth: opts.auth, cases: opts.cases, store: opts.store, ...(opts.alerts ? { alerts: opts.alerts } : {}) });
  if (opts.identity) {
    const { users, keys, tenants, clock } = opts.identity;
    await app.register(userRoutes, { auth: opts.auth, users });
    await app.register(keyRoutes, { auth: opts.auth, keys, users, clock });
    await app.register(tenantRoutes, { auth: opts.auth, tenants, clock });
  }
  if (opts.graph && opts.alerts && opts.cases) await app.register(entityRoutes, { auth: opts.auth, graph: opts.graph, alerts: opts.alerts, cases: opts.cases });
}
