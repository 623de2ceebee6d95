import type { FastifyError, FastifyInstance } from 'fastify';
import { ErrorCodes, isSocError } from '@soc/errors';
import { Type } from '@sinclair/typebox';

/** The body of every error response. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'ErrorResponse' },
);

const FASTIFY_CODE_MAP: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCodes.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCodes.VALIDATION,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCodes.VALIDATION,
  FST_ERR_VALIDATION: ErrorCodes.VALIDATION,
};

/**
 * Maps every error to `{ error: { code, message } }` with a stable code. Domain errors keep
 * their status; framework errors are translated; anything unexpected becomes a 500 whose
 * message is hidden (it may contain internals) and logged instead.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isSocError(err)) {
      const retryAfter = err.details?.['retryAfterSeconds'];
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(Math.ceil(retryAfter)));
      if (err.httpStatus >= 500) req.log.error({ err }, 'request failed');
      return reply.status(err.httpStatus).send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    const mapped = err.code ? FASTIFY_CODE_MAP[err.code] : undefined;
    if (err.validation) {
      return reply.status(400).send({ error: { code: ErrorCodes.VALIDATION, message: err.message } });
    }
    if (mapped && err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: mapped, message: err.message } });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: ErrorCodes.VALIDATION, message: err.message } });
    }
    req.log.error({ err }, 'unexpected error');
    return reply.status(500).send({ error: { code: ErrorCodes.INTERNAL, message: 'internal error' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: ErrorCodes.NOT_FOUND, message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );
}
