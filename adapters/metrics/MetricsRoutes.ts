import type Router from '@koa/router';
import { inject, injectable } from 'inversify';
import { collectDefaultMetrics } from 'prom-client';
import type { RouteContribution } from '../http/JsonEndpoint.js';
import { ReadinessCheck } from '../http/ReadinessCheck.js';
import { MetricsRegistry } from './MetricsRegistry.js';
import { registerReadinessGauge } from './registerReadinessGauge.js';

/** `GET /metrics`: everything registered on the MetricsRegistry, plus readiness and the default process metrics. */
@injectable()
export class MetricsRoutes implements RouteContribution {
  constructor(
    @inject(MetricsRegistry) private readonly registry: MetricsRegistry,
    @inject(ReadinessCheck) readiness: ReadinessCheck,
  ) {
    collectDefaultMetrics({ register: registry });
    registerReadinessGauge(registry, readiness);
  }

  register(router: Router): void {
    router.get('/metrics', async (ctx) => {
      const text = await this.registry.metrics();
      ctx.set('Content-Type', this.registry.contentType);
      ctx.body = text;
    });
  }

  openApiPaths(): Record<string, object> {
    return {
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          summary: 'Prometheus metrics',
          description:
            'Prometheus text format: `midplat_http_request_duration_seconds{method,route,status}` (route template), ' +
            '`midplat_esb_call_duration_seconds{transaction,outcome}`, `midplat_esb_call_errors_total{transaction,code}`, the outbox ' +
            'gauges when the outbox runs, `midplat_ready` (1 or 0, as `/readyz`) and the default process metrics (`process_*`, `nodejs_*`). ' +
            'Every metric is described in docs/operations.md.',
          tags: ['operations'],
          responses: {
            '200': {
              description: 'The metrics',
              headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
    };
  }
}
