/**
 * One layer set of Midplat's request stack serving `GET /healthz`, for the per-middleware
 * breakdown of `npm run bench -- stack` (VARIANT, logs to stdout as in production):
 * - `bare`: Koa + @koa/router, the baseline;
 * - `app-silent`: createHttpApp (request id, error guard, route, X-Response-Time), log level silent, no metrics;
 * - `app-log-unmasked`: the same plus the access log through pino with Midplat's options but no masking formatter;
 * - `app-log-per-line`: Midplat's logger (masking formatter) writing each line to stdout as it comes (one write(2) per line);
 * - `app-log`: the same on Midplat's buffered stdout (its default destination);
 * - `app-log-metrics`: plus the HTTP duration histogram;
 * - `full`: plus Midplat's HttpServer (in-flight tracking for shutdown);
 * - `full-scoped`: plus the request scope (an AsyncLocalStorage per request, as Midplat's reload
 *   snapshot): on Node 20 a live AsyncLocalStorage puts a hook on every promise of the process.
 * Started as a child process; sends {port}.
 */
import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { AccessTokenAuthenticator } from '../../../adapters/http/AccessTokenAuthenticator.js';
import { createHttpApp } from '../../../adapters/http/createHttpApp.js';
import { HealthRoutes } from '../../../adapters/http/HealthRoutes.js';
import { HttpServer } from '../../../adapters/http/HttpServer.js';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { HttpMetrics } from '../../../adapters/metrics/HttpMetrics.js';
import { Database } from '../../../adapters/persistence/Database.js';

const variant = process.env.VARIANT ?? 'bare';

function unmaskedLogger() {
  return pino({ level: 'info', base: { service: 'midplat' }, timestamp: pino.stdTimeFunctions.isoTime, serializers: { err: pino.stdSerializers.err } });
}

async function listen(): Promise<number> {
  if (variant === 'bare') {
    const app = new Koa();
    const router = new Router();
    router.get('/healthz', (ctx) => {
      ctx.body = { status: 'ok' };
    });
    app.use(router.routes());
    const server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }
  const logger =
    variant === 'app-silent'
      ? createLogger('silent')
      : variant === 'app-log-unmasked'
        ? unmaskedLogger()
        : variant === 'app-log-per-line'
          ? createLogger('info', pino.destination({ dest: 1, sync: true }))
          : createLogger('info');
  const database = new Database({ url: 'sqlite::memory:', poolMax: 1 });
  const full = variant === 'full' || variant === 'full-scoped';
  const observers = variant === 'app-log-metrics' || full ? [new HttpMetrics(new Registry())] : [];
  const scope = new AsyncLocalStorage<object>();
  const app = createHttpApp({
    endpoints: [],
    routes: [new HealthRoutes(() => database.ping())],
    authenticator: new AccessTokenAuthenticator([]),
    logger: logger as ReturnType<typeof createLogger>,
    bodyLimitBytes: 1048576,
    observers,
    ...(variant === 'full-scoped' ? { requestScope: (work: () => Promise<void>) => scope.run({}, work) } : {}),
  });
  if (full) return (await new HttpServer(app as never, { headersTimeoutMs: 10000, maxConnections: 1024 }).start(0, '127.0.0.1')).port;
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

void listen().then((port) => process.send?.({ port }));
process.on('SIGTERM', () => process.exit(0));
