import { inject, injectable } from 'inversify';
import { Counter } from 'prom-client';
import type { SignInObserver, SignInRefusal } from '../http/SignInObserver.js';
import { MetricsRegistry } from './MetricsRegistry.js';

/**
 * `midplat_http_signin_refusals_total{outcome}`: wrong Acstkn tokens (`unauthorized`) and requests
 * turned away with 429 because their address presented too many (`throttled`).
 */
@injectable()
export class SignInMetrics implements SignInObserver {
  private readonly refusals: Counter<'outcome'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.refusals = new Counter({
      name: 'midplat_http_signin_refusals_total',
      help: 'Requests refused at sign-in: a wrong access token (unauthorized), or an address barred after too many (throttled)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    // Both series exist from the start, so an alert's rate() sees the first refusal.
    for (const outcome of ['unauthorized', 'throttled'] as const) this.refusals.inc({ outcome }, 0);
  }

  refused(outcome: SignInRefusal): void {
    this.refusals.inc({ outcome });
  }
}
