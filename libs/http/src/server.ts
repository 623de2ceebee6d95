import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from '@soc/logging';
import { installErrorHandler } from './error-handler';
import { installRouteGuard } from './route-catalog';

export interface HttpServerOptions {
  logger: Logger;
  /** Default JSON body limit for routes that do not set their own. */
  bodyLimit: number;
  title: string;
  version: string;
  /** Serve the OpenAPI document and UI at /docs. */
  docs: boolean;
}

/**
 * A Fastify instance with the cross-cutting pieces every SOC HTTP service shares: TypeBox
 * schemas validated by Fastify's ajv, the error catalog mapping, request ids, a guard that
 * refuses any route without a permission (unless public), and an OpenAPI document generated
 * from the route schemas.
 */
export async function createHttpServer(opts: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is structurally a FastifyBaseLogger; the cast only narrows the generic.
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: opts.bodyLimit,
    // Per-request info lines would dominate the log at ingest rates; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Path parameters may be entity values (ARNs, URLs) of up to 512 characters, percent-encoded.
    routerOptions: { maxParamLength: 2048 },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // Coercion is for querystrings (all text on the wire); unknown properties are refused, not stripped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  installErrorHandler(app);
  installRouteGuard(app);
  if (opts.docs) {
    await app.register(swagger, {
      openapi: {
        info: { title: opts.title, version: opts.version },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key: soc_<prefix>_<secret>. Each route needs one permission (403 SOC_ERR_FORBIDDEN names it). An MSSP parent may add X-Soc-Tenant: <child tenant> on read routes.' } } },
        security: [{ bearer: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  }
  return app;
}
