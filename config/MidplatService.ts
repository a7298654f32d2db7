import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import type { Container } from 'inversify';
import { AccessTokenAuthenticator } from '../adapters/http/AccessTokenAuthenticator.js';
import { createHttpApp } from '../adapters/http/createHttpApp.js';
import { HttpRequestObserver } from '../adapters/http/HttpRequestObserver.js';
import { HttpServer } from '../adapters/http/HttpServer.js';
import { SignInThrottle } from '../adapters/http/SignInThrottle.js';
import { JsonEndpoint, RouteContribution } from '../adapters/http/JsonEndpoint.js';
import { LifecycleHook } from '../adapters/lifecycle/LifecycleHook.js';
import { createLogger, type Logger } from '../adapters/logging/Logger.js';
import { Database } from '../adapters/persistence/Database.js';
import { loadDemoDataOnce } from '../adapters/persistence/fixtures/DemoData.js';
import { FixtureLoader } from '../adapters/persistence/fixtures/FixtureLoader.js';
import { migrate } from '../adapters/persistence/migrate.js';
import { buildContainer } from './container.js';
import type { MidplatConfig } from './MidplatConfig.js';
import { demoDataFolder } from './projectRoot.js';
import { requireServingSettings } from './requireServingSettings.js';

export interface ServiceOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  readonly logDestination?: DestinationStream;
  /** Sees every SQL statement (tests count queries). */
  readonly onQuery?: (sql: string) => void;
}

/** One Midplat process: migrate, load demo data if configured, start hooks, listen; and the reverse. */
export class MidplatService {
  readonly container: Container;
  readonly database: Database;
  readonly logger: Logger;
  private readonly server: HttpServer;
  private hooks: LifecycleHook[] = [];

  constructor(
    readonly config: MidplatConfig,
    options: ServiceOptions = {},
  ) {
    this.logger = createLogger(config.log.level, options.logDestination);
    this.database = new Database({ ...config.database, onQuery: options.onQuery });
    this.container = buildContainer({ config, database: this.database, logger: this.logger });
    const app = createHttpApp({
      endpoints: this.container.getAll(JsonEndpoint, { optional: true }),
      routes: this.container.getAll(RouteContribution, { optional: true }),
      authenticator: this.container.get(AccessTokenAuthenticator),
      logger: this.logger,
      bodyLimitBytes: config.http.bodyLimitBytes,
      observers: this.container.getAll(HttpRequestObserver, { optional: true }),
      signInThrottle: this.container.get(SignInThrottle),
    });
    this.server = new HttpServer(app as never, config.http);
  }

  /** Schema and data, without listening (`npm run migrate` uses the first half). */
  async prepare(): Promise<void> {
    const applied = await migrate(this.database);
    if (applied.length > 0) this.logger.info({ migrations: applied }, 'migrations applied');
    if (this.config.demo.loadOnStart) {
      const loaded = await loadDemoDataOnce(this.database, this.container.get(FixtureLoader), demoDataFolder);
      if (loaded) this.logger.info('demo data loaded');
    }
  }

  async start(): Promise<AddressInfo> {
    requireServingSettings(this.config);
    await this.prepare();
    this.hooks = this.container.getAll(LifecycleHook, { optional: true });
    for (const hook of this.hooks) await hook.start();
    const address = await this.server.start(this.config.http.port);
    this.logger.info({ port: address.port }, 'midplat listening');
    return address;
  }

  /**
   * Stops accepting, lets in-flight requests finish (cut at http.shutdownGraceMs) while the
   * hooks finish their in-flight work (outbox deliveries), then closes the pool.
   */
  async stop(): Promise<void> {
    const stopHooks = async () => {
      for (const hook of [...this.hooks].reverse()) await hook.stop();
    };
    const httpDrained = this.server.stop(this.config.http.shutdownGraceMs);
    this.logger.info('no longer accepting connections');
    const results = await Promise.allSettled([httpDrained, stopHooks()]);
    await this.database.close();
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
