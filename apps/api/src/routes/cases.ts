import type { FastifyInstance } from 'fastify';
import type { AlertRepository, CaseListOptions, CaseRepository } from '@soc/db';
import type { EventStore } from '@soc/eventstore';
import { notFound, validation } from '@soc/errors';
import { type Authenticator, ErrorResponse, authorize, principalOf, requestActor } from '@soc/http';
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
 * Cases built by fusion: list (cases a merge absorbed only with `includeMerged=true`) and
 * inspect (cases:read); change status and add notes (cases:update), assign (cases:assign), set
 * the SLA (cases:sla), each change audited with the caller as actor.
 */
export async function caseRoutes(app: FastifyInstance, opts: CaseRouteOptions): Promise<void> {
  const read = authorize(opts.auth, 'cases:read');
  const cases = opts.cases;

  app.get<{ Querystring: CaseQuery }>(
    '/v1/cases',
    { ...read, schema: { tags: TAGS, summary: 'List cases (default: most recently seen first)', querystring: CaseQuery, response: { 200: CasePageView, ...errors } } },
    async (req) => {
      const page = await cases.list(principalOf(req).tenantId, listOptions(req.query));
      return { items: page.items.map(caseView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  app.get<{ Params: CaseIdParams }>(
    '/v1/cases/:id',
    { ...read, schema: { tags: TAGS, summary: 'One case with its alerts and join reasons, entities, notes, timeline and evidence events', params: CaseIdParams, response: { 200: CaseDetailView, ...errors } } },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      const found = await cases.get(tenantId, req.params.id);
      if (!found) throw notFound(`no case ${req.params.id}`);
      const evidence = opts.alerts && opts.store ? await caseEvidence(tenantId, found, opts.alerts, opts.store) : undefined;
      return caseDetailView(found, evidence);
    },
  );

  const change = (permission: 'cases:update' | 'cases:assign' | 'cases:sla') => ({ ...authorize(opts.auth, permission), bodyLimit: CHANGE_BODY_LIMIT });
  app.post<{ Params: CaseIdParams; Body: StatusBody }>(
    '/v1/cases/:id/status',
    { ...change('cases:update'), schema: { tags: TAGS, summary: 'Move a case along the status ladder (reason required, audited); 409 SOC_ERR_CASE_TRANSITION for a step the ladder forbids', params: CaseIdParams, body: StatusBody, response: { 200: CaseView, ...errors, 409: ErrorResponse } } },
    async (req) => caseView(await cases.setStatus(principalOf(req).tenantId, req.params.id, req.body.status, { actor: requestActor(req), reason: req.body.reason })),
  );

  app.post<{ Params: CaseIdParams; Body: AssignBody }>(
    '/v1/cases/:id/assign',
    { ...change('cases:assign'), schema: { tags: TAGS, summary: 'Assign a case, or unassign with owner null (reason required, audited)', params: CaseIdParams, body: AssignBody, response: { 200: CaseView, ...errors } } },
    async (req) => caseView(await cases.assign(principalOf(req).tenantId, req.params.id, req.body.owner, { actor: requestActor(req), reason: req.body.reason })),
  );

  app.post<{ Params: CaseIdParams; Body: SlaBody }>(
    '/v1/cases/:id/sla',
    { ...change('cases:sla'), schema: { tags: TAGS, summary: 'Set or clear (dueAt null) the SLA deadline (reason required, audited)', params: CaseIdParams, body: SlaBody, response: { 200: CaseView, ...errors } } },
    async (req) => {
      const dueAt = req.body.dueAt === null ? null : new Date(req.body.dueAt);
      return caseView(await cases.setSla(principalOf(req).tenantId, req.params.id, dueAt, { actor: requestActor(req), reason: req.body.reason }));
    },
  );

  app.post<{ Params: CaseIdParams; Body: NoteBody }>(
    '/v1/cases/:id/notes',
    { ...authorize(opts.auth, 'cases:update'), bodyLimit: 128 * 1024, schema: { tags: TAGS, summary: 'Add an analyst note (audited)', params: CaseIdParams, body: NoteBody, response: { 201: NoteView, ...errors } } },
    async (req, reply) => reply.status(201).send(noteView(await cases.addNote(principalOf(req).tenantId, req.params.id, { author: requestActor(req), body: req.body.body }))),
  );
}
