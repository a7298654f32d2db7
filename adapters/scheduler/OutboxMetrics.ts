import { inject, injectable } from 'inversify';
import { Counter, Gauge, Histogram } from 'prom-client';
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
          const counts = await store.countByStatus();
          this.set({ status: 'pending' }, counts.PENDING);
          this.set({ status: 'failed' }, counts.FAILED);
        } catch (error) {
          // A scrape during a database outage still answers; the gauge keeps its last values.
          logger.warn({ err: error }, 'outbox metrics: count failed');
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
