import type Router from '@koa/router';
import { inject, injectable } from 'inversify';
import { collectDefaultMetrics } from 'prom-client';
import type { RouteContribution } from '../http/JsonEndpoint.js';
import { Logger } from '../logging/Logger.js';
import { MetricsExposition } from './MetricsExposition.js';
import { ReadinessCheck } from '../http/ReadinessCheck.js';
import { MetricsRegistry } from './MetricsRegistry.js';
import { registerReadinessGauge } from './registerReadinessGauge.js';

/**
 * `GET /metrics`: everything registered on the MetricsRegistry, plus readiness and the default process
 * metrics; in a worker of a cluster, the whole group's (the MetricsExposition).
 */
@injectable()
export class MetricsRoutes implements RouteContribution {
  constructor(
    @inject(MetricsRegistry) registry: MetricsRegistry,
    @inject(ReadinessCheck) readiness: ReadinessCheck,
    @inject(MetricsExposition) private readonly exposition: MetricsExposition,
    @inject(Logger) private readonly logger: Logger,
  ) {
    collectDefaultMetrics({ register: registry });
    registerReadinessGauge(registry, readiness);
  }

  register(router: Router): void {
    router.get('/metrics', async (ctx) => {
      let text: string;
      try {
        text = await this.exposition.metrics();
      } catch (error) {
        // The group's metrics could not be gathered (a worker did not answer): no partial sums, which would read as counter resets.
        this.logger.warn({ err: error }, 'metrics: the process group did not answer');
        ctx.status = 503;
        ctx.body = 'metrics unavailable\n';
        return;
      }
      ctx.set('Content-Type', this.exposition.contentType);
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
            'gauges when the outbox runs, `midplat_ready` (1 or 0, as `/readyz`) and the default process metrics (`process_*`, `nodejs_*`). With `http.workers` above 1, ' +
            'the whole process group\'s, aggregated by the primary (plus `midplat_cluster_*`). Every metric is described in docs/operations.md.',
          tags: ['operations'],
          responses: {
            '200': {
              description: 'The metrics',
              headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
            '503': {
              description: 'In a worker of a process group: the group did not answer in time',
              headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
    };
  }
}
