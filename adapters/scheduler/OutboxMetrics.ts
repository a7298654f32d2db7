import { inject, injectable } from 'inversify';
import { Counter, Gauge, Histogram } from 'prom-client';
import { OutboxConsoleStore } from '../../core/ops-console/ports.js';
import { Clock } from '../../core/shared/Clock.js';
import { OutboxStore } from '../../core/shared/OutboxStore.js';
import { Logger } from '../logging/Logger.js';
import { MetricsRegistry } from '../metrics/MetricsRegistry.js';

export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

/** Outbox metrics on the process registry (SPEC 8). */
@injectable()
export class OutboxMetrics {
  private readonly latency: Histogram<'topic'>;
  private readonly attempts: Counter<'topic' | 'outcome'>;

  constructor(
    @inject(MetricsRegistry) registry: MetricsRegistry,
    @inject(OutboxStore) store: OutboxStore,
    @inject(Logger) logger: Logger,
    @inject(OutboxConsoleStore) overview: OutboxConsoleStore,
    @inject(Clock) clock: Clock,
  ) {
    new Gauge({
      name: 'midplat_outbox_messages',
      help: 'Outbox messages waiting (pending, including retries) or given up (failed), counted at scrape time',
      labelNames: ['status'],
      registers: [registry],
      // Every worker of a process group counts the same table: a sum would count each message once per worker.
      aggregator: 'max',
      async collect() {
        try {
          const counts = await store.countPendingAndFailed();
          this.set({ status: 'pending' }, counts.pending);
          this.set({ status: 'failed' }, counts.failed);
        } catch (error) {
          // A scrape during a database outage still answers; the gauge keeps its last values.
          logger.warn({ err: error }, 'outbox metrics: count failed');
        }
      },
    });
    new Gauge({
      name: 'midplat_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest PENDING outbox message (0 when none), read at scrape time',
      registers: [registry],
      async collect() {
        try {
          const oldest = await overview.oldestPendingCreatedAt();
          this.set(oldest === null ? 0 : Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000));
        } catch (error) {
          logger.warn({ err: error }, 'outbox metrics: oldest pending age failed');
        }
      },
    });
    this.latency = new Histogram({
      name: 'midplat_outbox_delivery_latency_seconds',
      help: 'Time from enqueue to successful delivery',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 36000],
      registers: [registry],
    });
    this.attempts = new Counter({
      name: 'midplat_outbox_delivery_attempts_total',
      help: 'Delivery attempts by outcome: delivered, retry (will be attempted again) or failed (gave up)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    });
  }

  attempted(topic: string, outcome: AttemptOutcome): void {
    this.attempts.inc({ topic, outcome });
  }

  delivered(topic: string, latencyMs: number): void {
    this.latency.observe({ topic }, Math.max(latencyMs, 0) / 1000);
  }
}
