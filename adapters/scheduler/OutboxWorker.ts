import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { inject, injectable, multiInject, optional } from 'inversify';
import type { ScheduledTask } from 'node-cron';
import { Clock } from '../../core/shared/Clock.js';
import { GroupCommit } from '../../core/shared/GroupCommit.js';
import { OutboxHandler, type DeliveryResult } from '../../core/shared/OutboxHandler.js';
import { OutboxStore, type AttemptRecord, type ClaimedMessage } from '../../core/shared/OutboxStore.js';
import type { OutboxWakeUp } from '../../core/shared/OutboxWakeUp.js';
import type { LifecycleHook } from '../lifecycle/LifecycleHook.js';
import { Logger } from '../logging/Logger.js';
import { backoffDelay } from './backoffDelay.js';
import { Nudge } from './Nudge.js';
import { OutboxMetrics } from './OutboxMetrics.js';
import { OutboxSettings } from './OutboxSettings.js';
import { scheduleCron } from './scheduleCron.js';

/** Source of jitter; tests may bind a fixed one. */
export type OutboxRandom = () => number;
export const OutboxRandom = Symbol.for('OutboxRandom');

/** A successful delivery waiting to be written DONE with its attempt's record. */
interface Delivered {
  readonly message: ClaimedMessage;
  readonly record: AttemptRecord;
}

/**
 * Claims due outbox messages and hands each to the handler of its topic. Runs on the
 * `outbox.schedule` cron (safety net) and whenever a local commit enqueues. A claim takes at
 * most the head of each partition, so partitions go in parallel (at most `outbox.batchSize`
 * deliveries in flight) while each partition stays sequential. Claims continue as
 * deliveries finish, so one slow receiver does not hold the others back.
 */
@injectable()
export class OutboxWorker implements LifecycleHook, OutboxWakeUp {
  readonly name = 'outbox-worker';
  /** This process's lease owner name. */
  readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Successful deliveries are written DONE together: one statement per group, each told whether its lease still held. */
  private readonly doneWrites: GroupCommit<Delivered, boolean>;
  /** Given by every wake-up and finished delivery; the drain loop waits for it. */
  private readonly nudge = new Nudge();
  private task: ScheduledTask | undefined;
  /** The drain loop in progress, if any. */
  private draining: Promise<void> | undefined;
  /** A wake-up arrived while the loop was draining: it claims again before ending. */
  private wakeAgain = false;
  private running = false;
  /** Runs a function outside any caller's async context (no unit of work leaks into a drain). */
  private detached: <R>(fn: () => R) => R = AsyncLocalStorage.snapshot();

  constructor(
    @inject(OutboxSettings) private readonly settings: OutboxSettings,
    @inject(OutboxStore) private readonly store: OutboxStore,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) private readonly logger: Logger,
    @inject(OutboxMetrics) private readonly metrics: OutboxMetrics,
    @multiInject(OutboxHandler) @optional() handlers: OutboxHandler[] | undefined,
    @inject(OutboxRandom) @optional() private readonly random: OutboxRandom = Math.random,
  ) {
    for (const handler of handlers ?? []) {
      if (this.handlers.has(handler.topic)) throw new Error(`two OutboxHandlers for topic ${handler.topic}`);
      this.handlers.set(handler.topic, handler);
    }
    this.doneWrites = new GroupCommit(async (group) => {
      const records = new Map(group.map((entry) => [entry.message.id, entry.record]));
      const kept = await this.store.markManyDone(group.map((entry) => entry.message), this.clock.now(), records);
      return group.map((entry) => kept.has(entry.message.id));
    }, this.settings.batchSize);
  }

  async start(): Promise<void> {
    const task = scheduleCron({ setting: 'outbox.schedule', expression: this.settings.schedule, name: `outbox-${this.owner}`, label: 'outbox', tick: () => this.wake() }, this.logger);
    this.detached = AsyncLocalStorage.snapshot();
    this.running = true;
    this.task = task;
    this.logger.info({ owner: this.owner, topics: [...this.handlers.keys()] }, 'outbox worker started');
    this.wake();
  }

  /** Stops claiming, lets the deliveries in flight finish and record their outcome, then stops the cron. */
  async stop(): Promise<void> {
    this.running = false;
    this.nudge.give();
    await this.draining;
    await this.task?.destroy();
    this.task = undefined;
  }

  /** Settles once no drain is running: the one a wake-up started, and any it extended (tests, tools). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Claim now (or right after the current round). A no-op until started. */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeAgain = true;
      this.nudge.give();
      return;
    }
    this.wakeAgain = false;
    this.draining = this.detached(() => this.drain()).finally(() => {
      this.draining = undefined;
      // A wake-up that came while the loop was finishing.
      if (this.wakeAgain) this.wake();
    });
  }

  /**
   * Claims while there is room, and again whenever deliveries finish (their partitions'
   * next messages become claimable) or a commit wakes it; ends when nothing is in flight and
   * the last claim found nothing. Then waits for the deliveries still in flight.
   */
  private async drain(): Promise<void> {
    while (this.running) {
      this.nudge.clear();
      this.wakeAgain = false;
      const room = this.settings.batchSize - this.inFlight.size;
      if (room > 0) for (const message of await this.claim(room)) this.track(this.deliver(message));
      if (this.inFlight.size === 0 && !this.wakeAgain) break;
      if (this.running) await this.nudge.next();
    }
    await Promise.all(this.inFlight);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => {
      this.inFlight.delete(delivery);
      this.nudge.give();
    });
  }

  private async claim(limit: number): Promise<ClaimedMessage[]> {
    try {
      return await this.store.claim({
        owner: this.owner,
        now: this.clock.now(),
        leaseMs: this.settings.leaseMs,
        topics: [...this.handlers.keys()],
        limit,
      });
    } catch (error) {
      this.logger.error({ err: error }, 'outbox claim failed; the cron will try again');
      return [];
    }
  }

  /** One round, for tests and tools: claim a batch, deliver it, record every outcome. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const batch = await this.claim(this.settings.batchSize);
    await Promise.all(batch.map((message) => this.deliver(message)));
    return batch.length;
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const handler = this.handlers.get(message.topic)!;
    const log = { messageId: message.id, topic: message.topic, attempt: message.attempt };
    try {
      const startedAt = this.clock.now();
      const started = performance.now();
      if (message.attempt > handler.maxAttempts) {
        // The worker holding the last attempt died before recording it.
        await this.record(message, handler, { ok: false, error: 'lease expired during the last attempt' }, startedAt, 0);
        return;
      }
      let result: DeliveryResult;
      try {
        result = await handler.deliver({
          id: message.id,
          topic: message.topic,
          partitionKey: message.partitionKey,
          payload: message.payload,
          attempt: message.attempt,
        });
      } catch (error) {
        result = { ok: false, error: (error as Error)?.message ?? String(error) };
      }
      await this.record(message, handler, result, startedAt, performance.now() - started);
    } catch (error) {
      // The lease expires and the message is attempted again (same id).
      this.logger.error({ ...log, err: error }, 'outbox outcome not recorded');
    }
  }

  private async record(message: ClaimedMessage, handler: OutboxHandler, result: DeliveryResult, startedAt: Date, durationMs: number): Promise<void> {
    const now = this.clock.now();
    const log = { messageId: message.id, topic: message.topic, attempt: message.attempt };
    const record: AttemptRecord = {
      startedAt,
      durationMs,
      succeeded: result.ok,
      httpStatus: result.reply?.httpStatus ?? null,
      response: result.reply?.body ?? null,
      error: result.ok ? null : result.error,
    };
    let kept: boolean;
    if (result.ok) {
      kept = await this.doneWrites.add({ message, record });
      if (kept) {
        this.metrics.attempted(message.topic, 'delivered');
        this.metrics.delivered(message.topic, now.getTime() - message.createdAt.getTime());
      }
    } else if (message.attempt >= handler.maxAttempts) {
      kept = await this.store.markFailed(message, result.error, now, record);
      if (kept) {
        this.metrics.attempted(message.topic, 'failed');
        this.logger.error({ ...log, error: result.error }, 'outbox message FAILED after its last attempt');
      }
    } else {
      const delayMs = backoffDelay(message.attempt, this.settings.backoffMs, this.random, result.retryAfterMs);
      kept = await this.store.reschedule(message, new Date(now.getTime() + delayMs), result.error, now, record);
      if (kept) {
        this.metrics.attempted(message.topic, 'retry');
        this.logger.warn({ ...log, error: result.error, retryInMs: delayMs }, 'outbox delivery failed; will retry');
      }
    }
    if (!kept) this.logger.warn(log, 'outbox lease lost before the outcome was recorded (another worker took over)');
  }
}
