import { inject, injectable } from 'inversify';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from './MetricsRegistry.js';

export type EsbOutcome = 'ok' | 'failed' | 'timeout';

/** ESB call latency and errors, per transaction (`DA21`). */
@injectable()
export class EsbMetrics {
  readonly latency: Histogram<'transaction' | 'outcome'>;
  readonly errors: Counter<'transaction' | 'code'>;
  readonly circuitState: Gauge<'transaction'>;
  readonly circuitTransitions: Counter<'transaction' | 'to'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.latency = new Histogram({
      name: 'midplat_esb_call_duration_seconds',
      help: 'ESB call duration by transaction and outcome (ok, failed, timeout)',
      labelNames: ['transaction', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'midplat_esb_call_errors_total',
      help: 'ESB calls that did not succeed, by transaction and error code',
      labelNames: ['transaction', 'code'],
      registers: [registry],
    });
    this.circuitState = new Gauge({
      name: 'midplat_esb_circuit_state',
      help: 'ESB circuit breaker state by transaction: 0 closed, 1 half-open, 2 open',
      labelNames: ['transaction'],
      // Each worker of a process group has its own breaker: the group shows the worst.
      aggregator: 'max',
      registers: [registry],
    });
    this.circuitTransitions = new Counter({
      name: 'midplat_esb_circuit_transitions_total',
      help: 'ESB circuit breaker state changes by transaction and new state',
      labelNames: ['transaction', 'to'],
      registers: [registry],
    });
  }
}
