import type { FastifyInstance } from 'fastify';
import {
  type AggregateQuery,
  AggregateQuerySchema,
  AggregateResultSchema,
  type EventStore,
  type SearchQuery,
  SearchQuerySchema,
  SearchResultSchema,
} from '@soc/eventstore';
import { type Authenticator, ErrorResponse, authorize, principalOf } from '@soc/http';

export interface EventRouteOptions {
  store: EventStore;
  auth: Authenticator;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

/** Event lake search and aggregation. The tenant is the caller's, from the credential. */
export async function eventRoutes(app: FastifyInstance, opts: EventRouteOptions): Promise<void> {
  const read = authorize(opts.auth, 'events:read');

  app.post<{ Body: SearchQuery }>(
    '/v1/events/search',
    { ...read, schema: { tags: ['events'], summary: 'Search normalized events', body: SearchQuerySchema, response: { 200: SearchResultSchema, ...errors } } },
    async (req) => opts.store.search(principalOf(req).tenantId, req.body),
  );

  app.post<{ Body: AggregateQuery }>(
    '/v1/events/aggregate',
    { ...read, schema: { tags: ['events'], summary: 'Count events by field and over time', body: AggregateQuerySchema, response: { 200: AggregateResultSchema, ...errors } } },
    async (req) => opts.store.aggregate(principalOf(req).tenantId, req.body),
  );
}
