import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { MetricsRegistry } from '@soc/metrics';

/** A dependency the process needs before it can serve traffic. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface HealthRouteOptions {
  checks: readonly ReadinessCheck[];
  metrics: MetricsRegistry;
}

const CheckResult = Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) });

/**
 * `/healthz` answers while the process lives (liveness: restart me if this fails);
 * `/readyz` answers 200 only when every dependency is usable (readiness: route traffic to me);
 * `/metrics` is the Prometheus scrape endpoint (no tenant data, no secrets).
 */
export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  app.get('/healthz', { schema: { tags: ['ops'], security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { tags: ['ops'], security: [], response: { 200: CheckResult, 503: CheckResult } } }, async (_req, reply) => {
    const results = await Promise.all(
      opts.checks.map(async (c) => {
        try {
          return [c.name, (await c.check()) ? 'ok' : 'not ready'] as const;
        } catch {
          return [c.name, 'error'] as const;
        }
      }),
    );
    const ready = results.every(([, s]) => s === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  const metricsText = { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: Type.String() } } };
  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics', security: [], response: { 200: metricsText } } }, async (_req, reply) =>
    reply.type('text/plain; version=0.0.4').send(await opts.metrics.render()),
  );
}
