import type { FastifyInstance } from 'fastify';
import { type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import type { Alert, AlertRepository } from '@soc/db';
import { notFound, validation } from '@soc/errors';
import { type Authenticator, ErrorResponse, authorize, principalOf } from '@soc/http';

const literals = <T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> => Type.Union(values.map((v) => Type.Literal(v)));
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'false_positive'] as const;

export const AlertQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Alert time, inclusive.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Alert time, exclusive.' })),
    level: Type.Optional(Type.Array(literals(LEVELS), { maxItems: 5, description: 'Repeat for several levels.' })),
    status: Type.Optional(Type.Array(literals(STATUSES), { maxItems: 5 })),
    ruleId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    technique: Type.Optional(Type.String({ pattern: '^T[0-9]{4}(\\.[0-9]{3})?$' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Substring of the title (case-insensitive).' })),
    suppressed: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type AlertQuery = Static<typeof AlertQuery>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AlertSummaryView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  ruleId: Type.String(),
  ruleVersion: Nullable(Type.String()),
  origin: Nullable(Type.String()),
  author: Nullable(Type.String()),
  title: Type.String(),
  level: Type.String(),
  severityId: Type.Integer(),
  time: Type.String({ format: 'date-time' }),
  firstSeen: Type.String({ format: 'date-time' }),
  lastSeen: Type.String({ format: 'date-time' }),
  count: Type.Integer(),
  techniques: Type.Array(Type.String()),
  tactics: Type.Array(Type.String()),
  entities: Type.Array(Type.Unknown()),
  evidenceEventIds: Type.Array(Type.String()),
  suppressedBy: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AlertSummaryView = Static<typeof AlertSummaryView>;

export const AlertView = Type.Composite([
  AlertSummaryView,
  Type.Object({ evidence: Type.Array(Type.Unknown()), finding: Type.Record(Type.String(), Type.Unknown(), { description: 'OCSF Detection Finding (class 2004).' }) }),
]);
export type AlertView = Static<typeof AlertView>;

const AlertPageView = Type.Object({ items: Type.Array(AlertSummaryView), nextCursor: Type.Optional(Type.String()) });
const AlertIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export interface AlertRouteOptions {
  auth: Authenticator;
  alerts: AlertRepository;
}

function summary(a: Alert): AlertSummaryView {
  return {
    id: a.id,
    kind: a.kind,
    ruleId: a.ruleId,
    ruleVersion: a.ruleVersion,
    origin: a.origin,
    author: a.author,
    title: a.title,
    level: a.level,
    severityId: a.severityId,
    time: a.time.toISOString(),
    firstSeen: a.firstSeen.toISOString(),
    lastSeen: a.lastSeen.toISOString(),
    count: a.count,
    techniques: [...a.techniques],
    tactics: [...a.tactics],
    entities: [...a.entities],
    evidenceEventIds: [...a.evidenceEventIds],
    suppressedBy: a.suppressedBy,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** `GET /v1/alerts` and `GET /v1/alerts/{id}`: the caller's tenant's alerts, newest first. */
export async function alertRoutes(app: FastifyInstance, opts: AlertRouteOptions): Promise<void> {
  const read = authorize(opts.auth, 'alerts:read');

  app.get<{ Querystring: AlertQuery }>(
    '/v1/alerts',
    { ...read, schema: { tags: ['detection'], summary: 'List alerts, newest first', querystring: AlertQuery, response: { 200: AlertPageView, ...errors } } },
    async (req) => {
      const q = req.query;
      if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) throw validation('from must be before to', { field: 'from' });
      const page = await opts.alerts.list(principalOf(req).tenantId, {
        limit: q.limit ?? 100,
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.level ? { levels: q.level } : {}),
        ...(q.status ? { statuses: q.status } : {}),
        ...(q.ruleId ? { ruleId: q.ruleId } : {}),
        ...(q.technique ? { technique: q.technique } : {}),
        ...(q.q ? { text: q.q } : {}),
        ...(q.suppressed !== undefined ? { suppressed: q.suppressed } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return { items: page.items.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  app.get<{ Params: Static<typeof AlertIdParams> }>(
    '/v1/alerts/:id',
    { ...read, schema: { tags: ['detection'], summary: 'One alert with its evidence and OCSF finding', params: AlertIdParams, response: { 200: AlertView, ...errors } } },
    async (req) => {
      const a = await opts.alerts.get(principalOf(req).tenantId, req.params.id);
      if (!a) throw notFound(`no alert ${req.params.id}`);
      return { ...summary(a), evidence: [...a.evidence], finding: { ...a.finding } };
    },
  );
}
