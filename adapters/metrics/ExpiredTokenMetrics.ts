import { inject, injectable } from 'inversify';
import { Counter } from 'prom-client';
import type { ExpiredTokenObserver } from '../http/ExpiredTokenObserver.js';
import { MetricsRegistry } from './MetricsRegistry.js';

/** `midplat_auth_expired_tokens_total{consumer}`: tokens presented past their notAfter, per configured consumer (bounded). */
@injectable()
export class ExpiredTokenMetrics implements ExpiredTokenObserver {
  private readonly expiredTokens: Counter<'consumer'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.expiredTokens = new Counter({
      name: 'midplat_auth_expired_tokens_total',
      help: 'Access tokens refused because they were past their notAfter, by consumer',
      labelNames: ['consumer'],
      registers: [registry],
    });
  }

  expired(consumer: string): void {
    this.expiredTokens.inc({ consumer });
  }
}
