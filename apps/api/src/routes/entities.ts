import type { FastifyInstance } from 'fastify';
import { canonicalEntityValue } from '@soc/contracts';
import type { AlertRepository, CaseRepository } from '@soc/db';
import { notFound } from '@soc/errors';
import type { EntityGraph, EntityRef } from '@soc/graph';
import { type Authenticator, ErrorResponse, authorize, principalOf } from '@soc/http';
import { EntityDetailView, EntityParams, EntityQuery, entityAlertView, entityCaseView, entityView, neighbourhoodView } from '../entities/entity-schemas';

export interface EntityRouteOptions {
  auth: Authenticator;
  graph: Pick<EntityGraph, 'getEntity' | 'neighbourhood'>;
  alerts: Pick<AlertRepository, 'listByEntity'>;
  cases: Pick<CaseRepository, 'listByEntity'>;
}

/** Alerts and cases listed with an entity; the lists say when there are more. */
const LIST_LIMIT = 50;
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * The entity graph as an investigation starting point (scope `read`): one entity, what it
 * relates to up to three hops out (capped per hop, with the caps reported), and the alerts
 * and cases that name it. The value is canonicalized the way alerts and the graph key
 * entities, so `KST-WS-104.corp.example` finds host `kst-ws-104`.
 */
export async function entityRoutes(app: FastifyInstance, opts: EntityRouteOptions): Promise<void> {
  app.get<{ Params: EntityParams; Querystring: EntityQuery }>(
    '/v1/entities/:type/:id',
    {
      ...authorize(opts.auth, 'entities:read'),
      schema: {
        tags: ['entities'],
        summary: 'An entity, its neighbourhood in the entity graph (depth 1..3) and the alerts and cases that name it',
        params: EntityParams,
        querystring: EntityQuery,
        response: { 200: EntityDetailView, ...errors },
      },
    },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      const ref: EntityRef = { type: req.params.type, value: canonicalEntityValue(req.params.type, req.params.id) };
      const entity = await opts.graph.getEntity(tenantId, ref);
      if (!entity) throw notFound(`no ${ref.type} ${ref.value} in the entity graph`);
      const [neighbourhood, alerts, cases] = await Promise.all([
        opts.graph.neighbourhood(tenantId, ref, { depth: req.query.depth ?? 3 }),
        opts.alerts.listByEntity(tenantId, ref, LIST_LIMIT + 1),
        opts.cases.listByEntity(tenantId, ref, LIST_LIMIT + 1),
      ]);
      if (!neighbourhood) throw notFound(`no ${ref.type} ${ref.value} in the entity graph`);
      return {
        entity: entityView(entity),
        neighbourhood: neighbourhoodView(neighbourhood),
        alerts: { items: alerts.slice(0, LIST_LIMIT).map(entityAlertView), truncated: alerts.length > LIST_LIMIT },
        cases: { items: cases.slice(0, LIST_LIMIT).map(entityCaseView), truncated: cases.length > LIST_LIMIT },
      };
    },
  );
}
