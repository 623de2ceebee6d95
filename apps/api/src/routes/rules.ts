import type { FastifyInstance } from 'fastify';
import type { RuleOrigin, RuleRepository } from '@soc/db';
import { notFound, unsupportedMediaType, validation } from '@soc/errors';
import { type Authenticator, ErrorResponse, authorize, principalOf, requestActor } from '@soc/http';
import { parseSigmaYaml } from '@soc/sigma';
import { importRuleFiles, zipEntriesToFiles } from '../rules/import-rule-files';
import { isRuleFilePath } from '../rules/rule-files';
import {
  ChangeBody,
  ExceptionBody,
  ExceptionList,
  ExceptionParams,
  ExceptionView,
  ImportJsonBody,
  ImportQuery,
  ImportResponse,
  ImportZipBody,
  RuleDetailView,
  RuleIdParams,
  RuleListQuery,
  RulePageView,
  RuleVersionDetailView,
  RuleVersionList,
  RuleVersionParams,
  RuleView,
  exceptionView,
  ruleView,
  versionView,
} from '../rules/rule-schemas';
import { DEFAULT_ZIP_LIMITS, type ZipLimits, readZip } from '../rules/zip-reader';

export interface RuleRouteOptions {
  auth: Authenticator;
  rules: RuleRepository;
  /** Largest import body (JSON or ZIP). Default 32 MiB. */
  maxImportBytes?: number;
  /** Archive limits. Default `DEFAULT_ZIP_LIMITS`. */
  zipLimits?: ZipLimits;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const TAGS = ['detection'];
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

/** A filter exception must be exactly one valid Sigma filter document. */
function checkFilterYaml(text: string): void {
  const parsed = parseSigmaYaml(text, 'exception');
  const problems = parsed.errors.map((e) => ({ code: e.code, message: e.message }));
  if (problems.length > 0 || parsed.filters.length !== 1 || parsed.rules.length + parsed.correlations.length > 0) {
    throw validation('filterYaml must be exactly one valid Sigma filter document', { field: 'filterYaml', problems });
  }
}

/** Detection rules as managed content: import, list, inspect versions, enable/disable, exceptions. */
export async function ruleRoutes(app: FastifyInstance, opts: RuleRouteOptions): Promise<void> {
  const read = authorize(opts.auth, 'rules:read');
  const write = authorize(opts.auth, 'rules:write');
  const maxImportBytes = opts.maxImportBytes ?? 32 * 1024 * 1024;
  const zipLimits = opts.zipLimits ?? DEFAULT_ZIP_LIMITS;
  const rules = opts.rules;

  // Encapsulated to this plugin: only these routes take a ZIP body.
  app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_req, body, done) => done(null, (body as Buffer).toString('latin1')));

  app.post<{ Querystring: ImportQuery; Body: ImportJsonBody | string }>(
    '/v1/rules/import',
    {
      ...write,
      bodyLimit: maxImportBytes,
      schema: {
        tags: TAGS,
        summary: 'Import Sigma rule files (JSON list of files, or a ZIP of a rules folder); changed YAML becomes a new version',
        querystring: ImportQuery,
        body: { content: { 'application/json': { schema: ImportJsonBody }, 'application/zip': { schema: ImportZipBody } } },
        response: { 200: ImportResponse, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (req) => {
      const body = req.body;
      let files;
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (ZIP_TYPES.includes(mediaType) && typeof body === 'string') files = zipEntriesToFiles(readZip(Buffer.from(body, 'latin1'), isRuleFilePath, zipLimits));
      else if (mediaType === 'application/json' && body && typeof body === 'object' && 'files' in body) files = body.files;
      else throw unsupportedMediaType('send application/json {files:[{path,content}]} or application/zip');
      const origin: RuleOrigin = req.query.origin ?? 'custom';
      return importRuleFiles(rules, principalOf(req).tenantId, files, {
        origin,
        enableNew: req.query.enable ?? origin !== 'sigmahq',
        actor: requestActor(req),
        reason: req.query.reason ?? null,
      });
    },
  );

  app.get<{ Querystring: RuleListQuery }>(
    '/v1/rules',
    { ...read, schema: { tags: TAGS, summary: 'List detection rules', querystring: RuleListQuery, response: { 200: RulePageView, ...errors } } },
    async (req) => {
      const q = req.query;
      const page = await rules.list(principalOf(req).tenantId, {
        limit: q.limit ?? 100,
        ...(q.enabled !== undefined ? { enabled: q.enabled } : {}),
        ...(q.origin ? { origin: q.origin } : {}),
        ...(q.level ? { level: q.level } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.q ? { text: q.q } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return { items: page.items.map(ruleView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  );

  app.get<{ Params: RuleIdParams }>(
    '/v1/rules/:id',
    { ...read, schema: { tags: TAGS, summary: 'A rule with the YAML of its current version', params: RuleIdParams, response: { 200: RuleDetailView, ...errors } } },
    async (req) => {
      const rule = await rules.get(principalOf(req).tenantId, req.params.id);
      if (!rule) throw notFound(`no rule ${req.params.id}`);
      return { ...ruleView(rule), yaml: rule.yaml };
    },
  );

  app.get<{ Params: RuleIdParams }>(
    '/v1/rules/:id/versions',
    { ...read, schema: { tags: TAGS, summary: 'Every version of a rule, newest first', params: RuleIdParams, response: { 200: RuleVersionList, ...errors } } },
    async (req) => ({ items: (await rules.versions(principalOf(req).tenantId, req.params.id)).map(versionView) }),
  );

  app.get<{ Params: RuleVersionParams }>(
    '/v1/rules/:id/versions/:version',
    { ...read, schema: { tags: TAGS, summary: 'One version of a rule with its YAML', params: RuleVersionParams, response: { 200: RuleVersionDetailView, ...errors } } },
    async (req) => {
      const v = await rules.getVersion(principalOf(req).tenantId, req.params.id, req.params.version);
      if (!v) throw notFound(`no version ${req.params.version} of rule ${req.params.id}`);
      return { ...versionView(v), ruleId: v.ruleId, yaml: v.yaml };
    },
  );

  for (const enabled of [true, false]) {
    app.post<{ Params: RuleIdParams; Body: ChangeBody }>(
      `/v1/rules/:id/${enabled ? 'enable' : 'disable'}`,
      {
        ...write,
        bodyLimit: 16 * 1024,
        schema: { tags: TAGS, summary: `${enabled ? 'Enable' : 'Disable'} a rule (reason required, audited)`, params: RuleIdParams, body: ChangeBody, response: { 200: RuleView, ...errors } },
      },
      async (req) => ruleView(await rules.setEnabled(principalOf(req).tenantId, req.params.id, enabled, { actor: requestActor(req), reason: req.body.reason })),
    );
  }

  app.post<{ Params: RuleIdParams; Body: ExceptionBody }>(
    '/v1/rules/:id/exceptions',
    {
      ...write,
      bodyLimit: 128 * 1024,
      schema: { tags: TAGS, summary: 'Add an exception (suppression) to a rule; reason required, audited', params: RuleIdParams, body: ExceptionBody, response: { 201: ExceptionView, ...errors } },
    },
    async (req, reply) => {
      const b = req.body;
      if (b.filterYaml !== undefined) checkFilterYaml(b.filterYaml);
      const created = await rules.addException(principalOf(req).tenantId, {
        ruleId: req.params.id,
        reason: b.reason,
        actor: requestActor(req),
        ...(b.field !== undefined ? { field: b.field } : {}),
        ...(b.op !== undefined ? { op: b.op } : {}),
        ...(b.values !== undefined ? { values: b.values } : {}),
        ...(b.filterYaml !== undefined ? { filterYaml: b.filterYaml } : {}),
        ...(b.expiresAt !== undefined ? { expiresAt: new Date(b.expiresAt) } : {}),
      });
      return reply.status(201).send(exceptionView(created));
    },
  );

  app.post<{ Params: ExceptionParams; Body: ChangeBody }>(
    '/v1/rules/:id/exceptions/:exceptionId/revoke',
    {
      ...write,
      bodyLimit: 16 * 1024,
      schema: { tags: TAGS, summary: 'Revoke an exception (kept, marked revoked; reason required, audited)', params: ExceptionParams, body: ChangeBody, response: { 200: ExceptionView, ...errors } },
    },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      const existing = await rules.getException(tenantId, req.params.exceptionId);
      if (!existing || existing.ruleId !== req.params.id) throw notFound(`no exception ${req.params.exceptionId} on rule ${req.params.id}`);
      return exceptionView(await rules.revokeException(tenantId, req.params.exceptionId, { actor: requestActor(req), reason: req.body.reason }));
    },
  );

  app.get<{ Params: RuleIdParams }>(
    '/v1/rules/:id/exceptions',
    {
      ...read,
      schema: { tags: TAGS, summary: "A rule's exceptions and those for every rule, including expired and revoked ones (see state)", params: RuleIdParams, response: { 200: ExceptionList, ...errors } },
    },
    async (req) => {
      const tenantId = principalOf(req).tenantId;
      if (!(await rules.get(tenantId, req.params.id))) throw notFound(`no rule ${req.params.id}`);
      return { items: (await rules.listExceptions(tenantId, { ruleId: req.params.id })).map(exceptionView) };
    },
  );
}
