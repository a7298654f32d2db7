import { inject, injectable } from 'inversify';
import { Counter } from 'prom-client';
import { MetricsRegistry } from './MetricsRegistry.js';

/** How a reload ended: swapped in, swapped in but some settings wait for a restart, or refused (the old one serves). */
export type ConfigReloadResult = 'applied' | 'restart_required' | 'refused';

/** `midplat_config_reloads_total{result}`: every SIGHUP reload and how it ended. */
@injectable()
export class ConfigReloadMetrics {
  private readonly reloads: Counter<'result'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.reloads = new Counter({
      name: 'midplat_config_reloads_total',
      help: 'Configuration reloads (SIGHUP) by result: applied, restart_required (applied, but some settings need a restart), refused',
      labelNames: ['result'],
      registers: [registry],
    });
  }

  reloaded(result: ConfigReloadResult): void {
    this.reloads.inc({ result });
  }
}
