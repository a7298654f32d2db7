import type Router from '@koa/router';
import { inject, injectable } from 'inversify';
import type { RouteContribution } from './JsonEndpoint.js';
import { probeReadiness, READINESS_TIMEOUT_MS, ReadinessCheck } from './ReadinessCheck.js';

/** `/healthz`: the process answers. `/readyz`: the database answers too. */
@injectable()
export class HealthRoutes implements RouteContribution {
  constructor(@inject(ReadinessCheck) private readonly ready: ReadinessCheck) {}

  register(router: Router): void {
    router.get('/healthz', (ctx) => {
      ctx.body = { status: 'ok' };
    });
    router.get('/readyz', async (ctx) => {
      if (await probeReadiness(this.ready)) {
        ctx.body = { status: 'ready' };
        return;
      }
      ctx.status = 503;
      ctx.body = { status: 'unavailable', reason: 'database unreachable' };
    });
  }

  openApiPaths(): Record<string, object> {
    const requestId = { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } };
    const status = (values: string[], extra: object = {}) => ({
      type: 'object',
      required: ['status'],
      properties: { status: { enum: values }, ...extra },
    });
    return {
      '/healthz': {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness: the process answers',
          tags: ['operations'],
          responses: {
            '200': { description: 'The process is up', headers: requestId, content: { 'application/json': { schema: status(['ok']) } } },
          },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          summary: 'Readiness: the database answers too',
          description: `Pings the database (at most ${READINESS_TIMEOUT_MS} ms); recovers by itself when the database is back.`,
          tags: ['operations'],
          responses: {
            '200': { description: 'Ready to serve', headers: requestId, content: { 'application/json': { schema: status(['ready']) } } },
            '503': {
              description: 'The database is unreachable; take this process out of the load balancer',
              headers: requestId,
              content: { 'application/json': { schema: status(['unavailable'], { reason: { type: 'string' } }) } },
            },
          },
        },
      },
    };
  }
}
