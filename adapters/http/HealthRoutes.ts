import type Router from '@koa/router';
import { inject, injectable } from 'inversify';
import { Database } from '../persistence/Database.js';
import type { RouteContribution } from './JsonEndpoint.js';

const READINESS_TIMEOUT_MS = 2000;

/** `/healthz`: the process answers. `/readyz`: the database answers too. */
@injectable()
export class HealthRoutes implements RouteContribution {
  constructor(@inject(Database) private readonly database: Database) {}

  register(router: Router): void {
    router.get('/healthz', (ctx) => {
      ctx.body = { status: 'ok' };
    });
    router.get('/readyz', async (ctx) => {
      try {
        await Promise.race([
          this.database.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS).unref()),
        ]);
        ctx.body = { status: 'ready' };
      } catch {
        ctx.status = 503;
        ctx.body = { status: 'unavailable', reason: 'database unreachable' };
      }
    });
  }
}
