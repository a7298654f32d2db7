import { Gauge } from 'prom-client';
import { probeReadiness, type ReadinessCheck } from '../http/ReadinessCheck.js';
import type { MetricsRegistry } from './MetricsRegistry.js';

/**
 * `midplat_ready`: 1 when the process could serve (its database answers, as `/readyz` checks),
 * 0 when not, probed at scrape time, so an alert needs nothing besides the scrape.
 */
export function registerReadinessGauge(registry: MetricsRegistry, check: ReadinessCheck): void {
  new Gauge({
    name: 'midplat_ready',
    // A process group is ready only when every process is (the primary aggregates by min).
    aggregator: 'min',
    help: 'Readiness as /readyz answers it: 1 when the database answers a ping within 2 s, else 0; probed at scrape time',
    registers: [registry],
    async collect() {
      this.set((await probeReadiness(check)) ? 1 : 0);
    },
  });
}
