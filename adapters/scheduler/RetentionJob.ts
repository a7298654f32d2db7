import { AsyncLocalStorage } from 'node:async_hooks';
import { inject, injectable, multiInject, optional } from 'inversify';
import type { ScheduledTask } from 'node-cron';
import { Clock } from '../../core/shared/Clock.js';
import { RetentionPurger } from '../../core/shared/RetentionPurger.js';
import type { LifecycleHook } from '../lifecycle/LifecycleHook.js';
import { Logger } from '../logging/Logger.js';
import { OutboxSettings } from './OutboxSettings.js';
import { scheduleCron } from './scheduleCron.js';

const DAY_MS = 86_400_000;

/**
 * The retention cron (`outbox.purgeSchedule`, SPEC 7): rows older than `outbox.retentionDays`
 * go, `outbox.purgeBatchSize` per statement, each batch its own short transaction, so claims
 * and enqueues run between batches and are never held behind a long delete.
 */
@injectable()
export class RetentionJob implements LifecycleHook {
  readonly name = 'retention-job';
  private task: ScheduledTask | undefined;
  private stopping = false;
  private current: Promise<void> | undefined;
  private readonly detached = AsyncLocalStorage.snapshot();

  constructor(
    @inject(OutboxSettings) private readonly settings: OutboxSettings,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) private readonly logger: Logger,
    @multiInject(RetentionPurger) @optional() private readonly purgers: RetentionPurger[] = [],
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    this.task = scheduleCron({ setting: 'outbox.purgeSchedule', expression: this.settings.purgeSchedule, name: 'retention', label: 'retention', tick: () => this.runOnce() }, this.logger);
  }

  /** Lets the batch in progress finish, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.current;
    await this.task?.destroy();
    this.task = undefined;
  }

  /** One purge pass over every purger; returns the rows deleted per purger. */
  runOnce(): Promise<Record<string, number>> {
    const pass = this.detached(() => this.purgeAll());
    this.current = pass.then(
      () => undefined,
      () => undefined,
    );
    return pass;
  }

  private async purgeAll(): Promise<Record<string, number>> {
    const horizon = new Date(this.clock.now().getTime() - this.settings.retentionDays * DAY_MS);
    const deleted: Record<string, number> = {};
    for (const purger of this.purgers) {
      deleted[purger.name] = 0;
      try {
        for (;;) {
          const count = await purger.purgeBatch(horizon, this.settings.purgeBatchSize);
          deleted[purger.name] += count;
          if (count < this.settings.purgeBatchSize || this.stopping) break;
          // Let claims and requests waiting for the connection (or SQLite's writer) go first.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        this.logger.error({ err: error, purger: purger.name }, 'retention purge failed; the next run tries again');
      }
    }
    if (Object.values(deleted).some((count) => count > 0)) this.logger.info({ deleted, horizon: horizon.toISOString() }, 'retention purge');
    return deleted;
  }
}
