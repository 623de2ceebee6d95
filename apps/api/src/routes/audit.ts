import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, Type } from '@sinclair/typebox';
import type { AuditEvent, AuditFilter, AuditRepository } from '@soc/db';
import { validation } from '@soc/errors';
import { type Authenticator, ErrorResponse, authorize, principalOf, requestActor } from '@soc/http';

const NDJSON = 'application/x-ndjson';

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Exact action, e.g. detection.rule.disabled.' })),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Record time, inclusive.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Record time, exclusive.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Page size (JSON only).' })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('ndjson')], { description: `ndjson (or Accept: ${NDJSON}) streams every matching record.` })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEventView = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ minimum: 1 }),
  actor: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String({ format: 'date-time' }),
  prevHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
export type AuditEventView = Static<typeof AuditEventView>;

const AuditPageView = Type.Object({ items: Type.Array(AuditEventView), nextCursor: Type.Optional(Type.String()) });

export const AuditVerifyView = Type.Union([
  Type.Object({ ok: Type.Literal(true), checked: Type.Integer(), lastSeq: Type.Integer(), lastHash: Type.String() }),
  Type.Object({
    ok: Type.Literal(false),
    checked: Type.Integer(),
    brokenAt: Type.Object({
      seq: Type.Integer(),
      id: Type.String(),
      reason: Type.Union([Type.Literal('hash-mismatch'), Type.Literal('prev-mismatch'), Type.Literal('seq-gap')]),
    }),
  }),
]);

export interface AuditRouteOptions {
  auth: Authenticator;
  audit: AuditRepository;
}

/** The wire form; the tenant is the caller's own, so it is not repeated. */
export function auditEventView(e: AuditEvent): AuditEventView {
  return {
    id: e.id,
    seq: e.seq,
    actor: e.actor,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    reason: e.reason,
    details: { ...e.details },
    at: e.at.toISOString(),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

function filterOf(q: AuditQuery): AuditFilter {
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) throw validation('from must be before to', { field: 'from' });
  return {
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
  };
}

function wantsNdjson(req: FastifyRequest<{ Querystring: AuditQuery }>): boolean {
  if (req.query.format) return req.query.format === 'ndjson';
  return (req.headers.accept ?? '').toLowerCase().includes(NDJSON);
}

async function* ndjsonLines(records: AsyncIterable<AuditEvent>): AsyncIterable<string> {
  for await (const e of records) yield `${JSON.stringify(auditEventView(e))}\n`;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

/**
 * `GET /v1/audit` (a JSON page, or every match as NDJSON; audit:read) and `GET /v1/audit/verify`
 * (audit:verify): owner, admin and auditor.
 */
export async function auditRoutes(app: FastifyInstance, opts: AuditRouteOptions): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    '/v1/audit',
    {
      ...authorize(opts.auth, 'audit:read'),
      schema: {
        tags: ['audit'],
        summary: 'List audit records oldest first, or export them as NDJSON',
        querystring: AuditQuery,
        response: { 200: { content: { 'application/json': { schema: AuditPageView }, [NDJSON]: { schema: AuditEventView } } }, ...errors },
      },
    },
    async (req, reply) => {
      const tenantId = principalOf(req).tenantId;
      const filter = filterOf(req.query);
      if (wantsNdjson(req)) {
        if (req.query.cursor) throw validation('cursor applies to JSON pages only', { field: 'cursor' });
        // Exporting the trail is itself an auditable act, recorded before the first line is sent.
        const { limit: _limit, cursor: _cursor, format: _format, ...asked } = req.query;
        await opts.audit.record(tenantId, { actor: requestActor(req), action: 'audit.exported', targetType: 'audit', targetId: tenantId, details: { filter: asked } });
        // A stream bypasses the response serializer; each line is built from the same view.
        return reply.type(NDJSON).send(Readable.from(ndjsonLines(opts.audit.iterate(tenantId, filter))));
      }
      const page = await opts.audit.page(tenantId, { ...filter, limit: req.query.limit ?? 100, ...(req.query.cursor ? { cursor: req.query.cursor } : {}) });
      return reply.type('application/json').send({ items: page.items.map(auditEventView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
    },
  );

  app.get(
    '/v1/audit/verify',
    { ...authorize(opts.auth, 'audit:verify'), schema: { tags: ['audit'], summary: "Recompute the tenant's audit hash chain and report the first broken link", response: { 200: AuditVerifyView, ...errors } } },
    async (req) => opts.audit.verifyChain(principalOf(req).tenantId),
  );
}
