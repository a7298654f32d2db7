import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../logging/Logger.js';
import type { Authenticator } from './Authenticator.js';
import { errorEnvelope } from './errorResponse.js';
import type { HttpRequestObserver } from './HttpRequestObserver.js';
import type { JsonEndpoint, RouteContribution } from './JsonEndpoint.js';
import { jsonEndpointMiddleware } from './jsonEndpointMiddleware.js';
import type { MidplatState } from './MidplatState.js';
import type { SignInThrottle } from './SignInThrottle.js';

export interface HttpAppParts {
  readonly endpoints: readonly JsonEndpoint[];
  readonly routes: readonly RouteContribution[];
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** Told about every finished request (metrics). */
  readonly observers?: readonly HttpRequestObserver[];
  /** Slows down addresses that present wrong tokens to the JSON APIs. */
  readonly signInThrottle?: SignInThrottle;
  /** Runs each request whole, from its first middleware (reload: the request keeps the credentials of its start). */
  readonly requestScope?: (work: () => Promise<void>) => Promise<void>;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echo the caller's X-Request-Id when it is safe to log, else make one. */
function requestIdOf(header: string): string {
  return SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

export function createHttpApp({ endpoints, routes, authenticator, logger, bodyLimitBytes, observers = [], signInThrottle, requestScope }: HttpAppParts): Koa<MidplatState> {
  const app = new Koa<MidplatState>({ proxy: false });
  app.silent = true; // errors are logged by our own middleware, once, with the request id
  if (requestScope) app.use((_ctx, next) => requestScope(next));

  app.use(async (ctx, next) => {
    const started = process.hrtime.bigint();
    ctx.state.requestId = requestIdOf(ctx.get('x-request-id'));
    ctx.set('X-Request-Id', ctx.state.requestId);
    try {
      await next();
    } catch (error) {
      logger.error({ err: error, requestId: ctx.state.requestId }, 'unhandled error');
      ctx.status = 500;
      ctx.body = errorEnvelope('camelCase', 'INTERNAL_ERROR', 'An internal error occurred');
    }
    // Answered before the body arrived in full (413, a refused key): close once the answer
    // is out instead of draining the rest of an unwanted body for up to the request timeout.
    if (ctx.status === 413 || !ctx.req.complete) ctx.set('Connection', 'close');
    // The route template, never the raw URL: bounded cardinality for logs and metrics.
    ctx.state.route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? '(unmatched)';
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    ctx.set('X-Response-Time', `${durationMs.toFixed(1)}ms`);
    logger.info(
      {
        requestId: ctx.state.requestId,
        method: ctx.method,
        route: ctx.state.route,
        status: ctx.status,
        durationMs: Math.round(durationMs * 10) / 10,
        consumer: ctx.state.consumer,
      },
      'request',
    );
    const observed = { method: ctx.method, route: ctx.state.route, status: ctx.status, durationSeconds: durationMs / 1000 };
    for (const observer of observers) observer.observe(observed);
  });

  const router = new Router<MidplatState>();
  const dependencies = { authenticator, logger, bodyLimitBytes, ...(signInThrottle ? { signInThrottle } : {}) };
  for (const endpoint of endpoints) {
    const handler = jsonEndpointMiddleware(endpoint, dependencies);
    for (const path of [endpoint.path, ...(endpoint.aliases ?? [])]) router.post(path, handler);
  }
  for (const contribution of routes) contribution.register(router as unknown as Router);

  app.use(router.routes());
  app.use(async (ctx) => {
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      // As every JSON answer of the APIs (jsonEndpointMiddleware): an unknown /ops/api path too.
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = errorEnvelope('camelCase', 'NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
    }
  });
  return app;
}
