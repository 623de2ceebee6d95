import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AlertRepository, CaseListOptions, CaseRepository } from '@soc/db';
import type { EventStore } from '@soc/eventstore';
import { notFound, validation } from '@soc/errors';
import { type Authenticator, ErrorResponse, authenticate, principalOf } from '@soc/http';
import {
  AssignBody,
  CaseDetailView,
  CaseIdParams,
  CasePageView,
  CaseQuery,
  CaseView,
  NoteBody,
  NoteView,
  SlaBody,
  StatusBody,
  caseDetailView,
  caseView,
  noteView,
} from '../cases/case-schemas';
import { caseEvidence } from '../cases/case-evidence';

export interface CaseRouteOptions {
  auth: Authenticator;
  cases: CaseRepository;
  /** With `store`: case detail carries the evidence events its alerts cite. */
  alerts?: AlertRepository;
  store?: EventStore;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const TAGS = ['cases'];
const CHANGE_BODY_LIMIT = 16 * 1024;

/** The audit actor: the credential, since the tenant and the caller come only from it. */
const actorOf = (req: FastifyRequest): string => `api-key:${principalOf(req).keyId}`;

/** Query string to repository options; rejects combinations the schema cannot express. */
function listOptions(q: CaseQuery): CaseListOptions {
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) throw validation('from must be before to', { field: 'from' });
  if (q.owner !== undefined && q.unassigned === true) throw validation('owner and unassigned=true exclude each other', { field: 'unassigned' });
  const owner = q.unassigned === true ? { owner: null } : q.owner !== undefined ? { owner: q.owner } : {};
  return {
    limit: q.limit ?? 100,
    ...owner,
    ...(q.status ? { statuses: q.status } : {}),
    ...(q.severity ? { severities: q.severity } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
    ...(q.order ? { order: q.order } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(q.includeMerged === true ? { includeMerged: true } : {}),
    ...(q.slaBreached === true ? { slaBreached: true } : {}),
  };
}

/**
 * Cases built by fusion: list (cases a merge absorbed only with `includeMerged=true`) and inspect (scope `read`); change status, owner and SLA and add
 * notes (scope `admin`, each change audited with the API key as actor). Analyst roles replace
 * the admin scope when they land.
 */
export async function caseRoutes(app: FastifyInstance, opts: CaseRouteOptions): Promise<void> {
  const read = authenticate(opts.auth, 'read');
  const admin = authenticate(opts.auth, 'admin');
  const cases = opts.cases;

  app.get<{ Querystring: CaseQuery }>(
    '/v1/cases',
    { onRequest: read, schema: { tags: TAGS, summary: 'List cases (default: most recently seen first)', querystring: CaseQuery, response: { 200: CasePageView, ...errors } } },
    async (req) => {
      const page = await cases.list(principalOf(req).tenantId, listOptions(req.query));
      return { items: page.items.map(caseView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  app.get<{ Params: CaseIdParams }>(
    '/v1/cases/:id',
    { onRequest: read, schema: { tags: TAGS, summary: 'One case with its alerts and join reasons, entities, notes, timeline and evidence events', params: CaseIdParams, response: { 200: CaseDetailView, ...errors } } },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      const found = await cases.get(tenantId, req.params.id);
      if (!found) throw notFound(`no case ${req.params.id}`);
      const evidence = opts.alerts && opts.store ? await caseEvidence(tenantId, found, opts.alerts, opts.store) : undefined;
      return caseDetailView(found, evidence);
    },
  );

  const change = { onRequest: admin, bodyLimit: CHANGE_BODY_LIMIT };
  app.post<{ Params: CaseIdParams; Body: StatusBody }>(
    '/v1/cases/:id/status',
    { ...change, schema: { tags: TAGS, summary: 'Move a case along the status ladder (reason required, audited); 409 SOC_ERR_CASE_TRANSITION for a step the ladder forbids', params: CaseIdParams, body: StatusBody, response: { 200: CaseView, ...errors, 409: ErrorResponse } } },
    async (req) => caseView(await cases.setStatus(principalOf(req).tenantId, req.params.id, req.body.status, { actor: actorOf(req), reason: req.body.reason })),
  );

  app.post<{ Params: CaseIdParams; Body: AssignBody }>(
    '/v1/cases/:id/assign',
    { ...change, schema: { tags: TAGS, summary: 'Assign a case, or unassign with owner null (reason required, audited)', params: CaseIdParams, body: AssignBody, response: { 200: CaseView, ...errors } } },
    async (req) => caseView(await cases.assign(principalOf(req).tenantId, req.params.id, req.body.owner, { actor: actorOf(req), reason: req.body.reason })),
  );

  app.post<{ Params: CaseIdParams; Body: SlaBody }>(
    '/v1/cases/:id/sla',
    { ...change, schema: { tags: TAGS, summary: 'Set or clear (dueAt null) the SLA deadline (reason required, audited)', params: CaseIdParams, body: SlaBody, response: { 200: CaseView, ...errors } } },
    async (req) => {
      const dueAt = req.body.dueAt === null ? null : new Date(req.body.dueAt);
      return caseView(await cases.setSla(principalOf(req).tenantId, req.params.id, dueAt, { actor: actorOf(req), reason: req.body.reason }));
    },
  );

  app.post<{ Params: CaseIdParams; Body: NoteBody }>(
    '/v1/cases/:id/notes',
    { onRequest: admin, bodyLimit: 128 * 1024, schema: { tags: TAGS, summary: 'Add an analyst note (audited)', params: CaseIdParams, body: NoteBody, response: { 201: NoteView, ...errors } } },
    async (req, reply) => reply.status(201).send(noteView(await cases.addNote(principalOf(req).tenantId, req.params.id, { author: actorOf(req), body: req.body.body }))),
  );
}
