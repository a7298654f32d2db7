import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import type { Container } from 'inversify';
import type { IpcChannel } from '../adapters/cluster/IpcChannel.js';
import { Authenticator } from '../adapters/http/Authenticator.js';
import { createHttpApp } from '../adapters/http/createHttpApp.js';
import { HttpRequestObserver } from '../adapters/http/HttpRequestObserver.js';
import { HttpServer } from '../adapters/http/HttpServer.js';
import { SignInThrottle } from '../adapters/http/SignInThrottle.js';
import { JsonEndpoint, RouteContribution } from '../adapters/http/JsonEndpoint.js';
import { LifecycleHook } from '../adapters/lifecycle/LifecycleHook.js';
import { createLogger, type Logger } from '../adapters/logging/Logger.js';
import { ConfigReloadMetrics, type ConfigReloadResult } from '../adapters/metrics/ConfigReloadMetrics.js';
import { Database } from '../adapters/persistence/Database.js';
import { loadDemoDataOnce } from '../adapters/persistence/fixtures/DemoData.js';
import { FixtureLoader } from '../adapters/persistence/fixtures/FixtureLoader.js';
import { migrate } from '../adapters/persistence/migrate.js';
import { AuditTrail } from '../core/shared/AuditTrail.js';
import { Clock } from '../core/shared/Clock.js';
import { UnitOfWork } from '../core/shared/UnitOfWork.js';
import { buildContainer } from './container.js';
import { CredentialStore } from './Credentials.js';
import { keysNeedingRestart } from './keysNeedingRestart.js';
import type { MidplatConfig } from './MidplatConfig.js';
import { demoDataFolder } from './projectRoot.js';
import { requireServingSettings } from './requireServingSettings.js';

/** How a reload ended; `restartKeys` name the settings that wait for the next start. */
export interface ReloadOutcome {
  readonly result: ConfigReloadResult;
  readonly restartKeys: readonly string[];
  /** Why it was refused (names the key, never a value). */
  readonly reason?: string;
}

export interface ServiceOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  readonly logDestination?: DestinationStream;
  /** Sees every SQL statement (tests count queries). */
  readonly onQuery?: (sql: string) => void;
  /**
   * In a worker of a process group (`http.workers` > 1): its id (on every log line) and its link
   * to the primary, which migrated before forking it and aggregates `/metrics`.
   */
  readonly worker?: { readonly id: number; readonly primary: IpcChannel };
}

/** Applies pending migrations and logs what it applied. */
export async function applyMigrations(database: Database, logger: Logger): Promise<void> {
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
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
    private readonly options: ServiceOptions = {},
  ) {
    const logger = createLogger(config.log.level, options.logDestination);
    this.logger = options.worker ? logger.child({ worker: options.worker.id }) : logger;
    this.database = new Database({ ...config.database, onQuery: options.onQuery });
    this.container = buildContainer({ config, database: this.database, logger: this.logger, primary: options.worker?.primary });
    const credentials = this.container.get(CredentialStore);
    const app = createHttpApp({
      endpoints: this.container.getAll(JsonEndpoint, { optional: true }),
      routes: this.container.getAll(RouteContribution, { optional: true }),
      authenticator: this.container.get<Authenticator>(Authenticator),
      logger: this.logger,
      bodyLimitBytes: config.http.bodyLimitBytes,
      observers: this.container.getAll(HttpRequestObserver, { optional: true }),
      signInThrottle: this.container.get(SignInThrottle),
      requestScope: (work) => credentials.capture(work),
    });
    this.server = new HttpServer(app as never, config.http);
  }

  /** Schema and data, without listening (`npm run migrate` uses the first half). */
  async prepare(): Promise<void> {
    await applyMigrations(this.database, this.logger);
    if (this.config.demo.loadOnStart) {
      const loaded = await loadDemoDataOnce(this.database, this.container.get(FixtureLoader), demoDataFolder);
      if (loaded) this.logger.info('demo data loaded');
    }
  }

  async start(): Promise<AddressInfo> {
    requireServingSettings(this.config);
    // A worker of a process group: the primary migrated once, before forking any.
    if (!this.options.worker) await this.prepare();
    this.hooks = this.container.getAll(LifecycleHook, { optional: true });
    for (const hook of this.hooks) await hook.start();
    const address = await this.server.start(this.config.http.port);
    this.logger.info({ port: address.port }, 'midplat listening');
    return address;
  }

  /**
   * SIGHUP (SPEC 2.2.2): `load` reads the configuration and its secret references again; its
   * consumers, tokens, partners, secrets, institutions and keys replace the running ones as
   * one, for requests that start from now on. Anything invalid is refused and the running
   * credentials keep serving; other settings that changed are reported as needing a restart.
   */
  async reload(load: () => MidplatConfig): Promise<ReloadOutcome> {
    let outcome: ReloadOutcome;
    try {
      const next = load();
      const restartKeys = keysNeedingRestart(this.config, next);
      this.container.get(CredentialStore).replace(next);
      outcome = { result: restartKeys.length > 0 ? 'restart_required' : 'applied', restartKeys };
    } catch (error) {
      outcome = { result: 'refused', restartKeys: [], reason: (error as Error).message };
    }
    this.container.get(ConfigReloadMetrics).reloaded(outcome.result);
    await this.auditReload(outcome);
    if (outcome.result === 'refused') {
      this.logger.error({ result: outcome.result, reason: outcome.reason }, 'configuration reload refused; the running configuration keeps serving');
    } else if (outcome.result === 'restart_required') {
      this.logger.warn({ result: outcome.result, restartKeys: outcome.restartKeys }, 'configuration reloaded; these settings take effect only after a restart');
    } else {
      this.logger.info({ result: outcome.result }, 'configuration reloaded');
    }
    return outcome;
  }

  /** Every reload, accepted or refused, goes to the audit trail (SPEC 2.2.3); a database down only costs the record. */
  private async auditReload(outcome: ReloadOutcome): Promise<void> {
    const target = JSON.stringify(outcome.result === 'refused' ? { reason: outcome.reason } : { restartKeys: outcome.restartKeys });
    const entry = {
      actor: 'signal:SIGHUP',
      action: 'config.reload' as const,
      target,
      count: outcome.result === 'refused' ? 0 : 1,
      outcome: outcome.result,
      requestId: randomUUID(),
      at: this.container.get<Clock>(Clock).now(),
    };
    try {
      await this.container.get<UnitOfWork>(UnitOfWork).run(() => this.container.get<AuditTrail>(AuditTrail).record(entry));
    } catch (error) {
      this.logger.error({ err: error, requestId: entry.requestId }, 'the reload could not be recorded in the audit log');
    }
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
