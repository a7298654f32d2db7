import { inject, injectable } from 'inversify';
import { Counter } from 'prom-client';
import type { BillingRefusalCheck, BillingRefusalObserver } from '../http/customer-check/BillingRefusalObserver.js';
import { MetricsRegistry } from './MetricsRegistry.js';

/**
 * `midplat_billing_security_refusals_total{inst_id,check}`: CustomerCheck ESECURE answers per
 * institution. inst_id is a configured InstId or `none`, so cardinality stays bounded.
 */
@injectable()
export class CustomerCheckRefusalMetrics implements BillingRefusalObserver {
  private readonly refusals: Counter<'inst_id' | 'check'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.refusals = new Counter({
      name: 'midplat_billing_security_refusals_total',
      help: 'CustomerCheck requests refused with ESECURE, by institution (none: unknown API key) and failed check',
      labelNames: ['inst_id', 'check'],
      registers: [registry],
    });
  }

  refused(instId: string | undefined, check: BillingRefusalCheck): void {
    this.refusals.inc({ inst_id: instId ?? 'none', check });
  }
}
