import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { inject, injectable, multiInject, optional } from 'inversify';
import type { ScheduledTask } from 'node-cron';
import { Clock } from '../../core/shared/Clock.js';
import { OutboxHandler, type DeliveryResult } from '../../core/shared/OutboxHandler.js';
import { OutboxStore, type AttemptRecord, type ClaimedMessage } from '../../core/shared/OutboxStore.js';
import type { OutboxWakeUp } from '../../core/shared/OutboxWakeUp.js';
import type { LifecycleHook } from '../lifecycle/LifecycleHook.js';
import { Logger } from '../logging/Logger.js';
import { backoffDelay } from './backoffDelay.js';
import { OutboxMetrics } from './OutboxMetrics.js';
import { OutboxSettings } from './OutboxSettings.js';
import { scheduleCron } from './scheduleCron.js';

/** Source of jitter; tests may bind a fixed one. */
export type OutboxRandom = () => number;
export const OutboxRandom = Symbol.for('OutboxRandom');

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
  private task: ScheduledTask | undefined;
  private draining: Promise<void> | undefined;
  private wakeAgain = false;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Bumped by every wake-up and finished delivery; the drain loop waits for a change. */
  private events = 0;
  private eventWaiters: Array<() => void> = [];
  /** Successful deliveries waiting to be written DONE; written together, one statement per group. */
  private doneQueue: Array<{ message: ClaimedMessage; attempt: AttemptRecord; settle: (kept: boolean | Error) => void }> = [];
  private doneWriting: Promise<void> | undefined;
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
    this.signal();
    await this.draining;
    await this.task?.destroy();
    this.task = undefined;
  }

  /** Claim now (or right after the current round). A no-op until started. */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeAgain = true;
      this.signal();
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
      const seen = this.events;
      this.wakeAgain = false;
      const room = this.settings.batchSize - this.inFlight.size;
      if (room > 0) for (const message of await this.claim(room)) this.track(this.deliver(message));
      if (this.inFlight.size === 0 && !this.wakeAgain) break;
      if (this.events === seen && this.running) await new Promise<void>((resolve) => this.eventWaiters.push(resolve));
    }
    await Promise.all(this.inFlight);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => {
      this.inFlight.delete(delivery);
      this.signal();
    });
  }

  private signal(): void {
    this.events += 1;
    for (const resolve of this.eventWaiters.splice(0)) resolve();
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
    const attempt: AttemptRecord = {
      startedAt,
      durationMs,
      succeeded: result.ok,
      httpStatus: result.reply?.httpStatus ?? null,
      response: result.reply?.body ?? null,
      error: result.ok ? null : result.error,
    };
    let kept: boolean;
    if (result.ok) {
      kept = await this.recordDone(message, attempt);
      if (kept) {
        this.metrics.attempted(message.topic, 'delivered');
        this.metrics.delivered(message.topic, now.getTime() - message.createdAt.getTime());
      }
    } else if (message.attempt >= handler.maxAttempts) {
      kept = await this.store.markFailed(message, result.error, now, attempt);
      if (kept) {
        this.metrics.attempted(message.topic, 'failed');
        this.logger.error({ ...log, error: result.error }, 'outbox message FAILED after its last attempt');
      }
    } else {
      const delayMs = backoffDelay(message.attempt, this.settings.backoffMs, this.random, result.retryAfterMs);
      kept = await this.store.reschedule(message, new Date(now.getTime() + delayMs), result.error, now, attempt);
      if (kept) {
        this.metrics.attempted(message.topic, 'retry');
        this.logger.warn({ ...log, error: result.error, retryInMs: delayMs }, 'outbox delivery failed; will retry');
      }
    }
    if (!kept) this.logger.warn(log, 'outbox lease lost before the outcome was recorded (another worker took over)');
  }

  /**
   * Queues a DONE write. The first one goes out at once; those finishing meanwhile are
   * written together by the next statement, so a busy worker commits once per group, not
   * once per message, and an idle one adds no delay.
   */
  private recordDone(message: ClaimedMessage, attempt: AttemptRecord): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.doneQueue.push({ message, attempt, settle: (kept) => (kept instanceof Error ? reject(kept) : resolve(kept)) });
      this.writeDoneSoon();
    });
  }

  private writeDoneSoon(): void {
    if (this.doneWriting || this.doneQueue.length === 0) return;
    const group = this.doneQueue.splice(0);
    this.doneWriting = this.store
      .markManyDone(
        group.map((entry) => entry.message),
        this.clock.now(),
        new Map(group.map((entry) => [entry.message.id, entry.attempt])),
      )
      .then(
        (kept) => group.forEach((entry) => entry.settle(kept.has(entry.message.id))),
        (error: Error) => group.forEach((entry) => entry.settle(error)),
      )
      .finally(() => {
        this.doneWriting = undefined;
        this.writeDoneSoon();
      });
  }
}
