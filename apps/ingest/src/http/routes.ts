import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { SOURCE_NAMES, isSourceName } from '@soc/contracts';
import { SocError } from '@soc/errors';
import { type Authenticator, ErrorResponse, authorize, principalOf } from '@soc/http';
import type { Admission } from '../admission';
import type { IngestService } from '../ingest-service';
import { MEDIA_TYPES, contentKindOf, decodeBody } from './body';

const BODY_DESCRIPTIONS: Record<string, string> = {
  json: 'A JSON array of records, one record, concatenated records, or a CloudTrail {"Records":[...]} file (Content-Encoding: gzip allowed)',
  ndjson: 'One JSON record per line (Content-Encoding: gzip allowed)',
  text: 'Text records one per line (auditd, syslog only); auditd lines sharing a serial are joined',
};

export interface IngestRouteOptions {
  service: IngestService;
  admission: Admission;
  auth: Authenticator;
  /** Largest body on the wire, in bytes. */
  maxBodyBytes: number;
  /** Largest body after gzip decoding, in bytes. */
  maxDecodedBytes: number;
}

const IngestResponse = Type.Object({
  batchId: Type.String(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), code: Type.String(), reason: Type.String() })),
  errorsTruncated: Type.Boolean(),
});

/**
 * `POST /v1/ingest/{source}`: native records in, 202 once they are durably on the bus.
 * Registered in its own encapsulated scope so its raw-body parsers do not leak to other routes.
 */
export async function ingestRoutes(app: FastifyInstance, opts: IngestRouteOptions): Promise<void> {
  // Requests holding an admission slot; released exactly once: when the response closes
  // (finished, or the connection dropped first), or on Fastify's response and abort hooks.
  const admitted = new WeakSet<FastifyRequest>();
  const release = (req: FastifyRequest): void => {
    if (admitted.delete(req)) opts.admission.leave();
  };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(Object.keys(MEDIA_TYPES), { parseAs: 'buffer', bodyLimit: opts.maxBodyBytes }, (_req, body, done) => done(null, body));

  const access = authorize(opts.auth, 'events:ingest');
  app.post<{ Params: { source: string }; Body: Buffer }>(
    '/v1/ingest/:source',
    {
      config: access.config,
      bodyLimit: opts.maxBodyBytes,
      // onRequest, not preHandler: an unauthenticated client, or one that would be refused for
      // backpressure, must not make us read and buffer its body first.
      onRequest: [
        access.onRequest,
        async (req, reply) => {
          // The response's 'close' fires once: after it was sent, or when the client hung up
          // first (while waiting for admission, or while its body was read or appended).
          const res = reply.raw;
          const gone = new AbortController();
          const onClose = (): void => gone.abort();
          res.once('close', onClose);
          if (res.destroyed) gone.abort();
          try {
            await opts.admission.enter(gone.signal);
          } finally {
            res.off('close', onClose);
          }
          admitted.add(req);
          res.once('close', () => release(req));
          if (res.destroyed) release(req);
        },
      ],
      onResponse: async (req) => release(req),
      onRequestAbort: async (req) => release(req),
      schema: {
        summary: 'Ingest native records of one source',
        tags: ['ingest'],
        params: Type.Object({ source: Type.Union(SOURCE_NAMES.map((s) => Type.Literal(s))) }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        // The body is read raw (the content-type parser hands over the bytes, gzip allowed) and
        // split per source; these schemas document it and accept any bytes.
        body: {
          content: Object.fromEntries(
            Object.entries(MEDIA_TYPES).map(([type, kind]) => [type, { schema: { description: BODY_DESCRIPTIONS[kind] } }]),
          ),
        },
        response: { 202: IngestResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { source } = req.params;
      if (!isSourceName(source)) throw new SocError('SOC_ERR_UNKNOWN_SOURCE', `unknown source '${source}'`, { httpStatus: 404 });
      const principal = principalOf(req);
      const contentType = contentKindOf(source, req.headers['content-type']);
      const body = await decodeBody(req.body, req.headers['content-encoding'], opts.maxDecodedBytes);
      const idem = req.headers['idempotency-key'];
      const result = await opts.service.ingest({
        tenantId: principal.tenantId,
        source,
        body,
        contentType,
        channel: 'http',
        traceId: req.id,
        ...(typeof idem === 'string' ? { idempotencyKey: idem } : {}),
      });
      return reply.status(202).send(result);
    },
  );
}
