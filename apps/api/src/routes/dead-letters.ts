import type { FastifyInstance } from 'fastify';
import { type Static, Type } from '@sinclair/typebox';
import { type Authenticator, ErrorResponse, authorize, principalOf } from '@soc/http';

export const DeadLetterQuery = Type.Object(
  {
    stage: Type.Optional(Type.String({ maxLength: 32 })),
    source: Type.Optional(Type.String({ maxLength: 64 })),
    code: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type DeadLetterQuery = Static<typeof DeadLetterQuery>;

export const DeadLetterView = Type.Object({
  id: Type.String(),
  stage: Type.String(),
  topic: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  reason: Type.String(),
  original: Type.Unknown(),
  originalTruncated: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type DeadLetterView = Static<typeof DeadLetterView>;

const DeadLetterPage = Type.Object({
  items: Type.Array(DeadLetterView),
  nextCursor: Type.Optional(Type.String()),
  countsByCode: Type.Record(Type.String(), Type.Integer()),
});
export type DeadLetterPage = Static<typeof DeadLetterPage>;

/** Port: tenant-scoped reads of the dead-letter store. */
export interface DeadLetterReader {
  list(tenantId: string, query: DeadLetterQuery): Promise<DeadLetterPage>;
}

export interface DeadLetterRouteOptions {
  auth: Authenticator;
  deadLetters: DeadLetterReader;
}

/** `GET /v1/dead-letters`: what the pipeline rejected for the caller's tenant, and why. */
export async function deadLetterRoutes(app: FastifyInstance, opts: DeadLetterRouteOptions): Promise<void> {
  app.get<{ Querystring: DeadLetterQuery }>(
    '/v1/dead-letters',
    {
      ...authorize(opts.auth, 'dead_letters:read'),
      schema: {
        tags: ['pipeline'],
        summary: 'List rejected records and messages with their reasons',
        querystring: DeadLetterQuery,
        response: { 200: DeadLetterPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (req) => opts.deadLetters.list(principalOf(req).tenantId, req.query),
  );
}
