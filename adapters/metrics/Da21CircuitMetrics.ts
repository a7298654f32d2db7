import { inject, injectable } from 'inversify';
import type { CircuitState } from '../esb/CircuitBreaker.js';
import type { Da21CircuitObserver } from '../esb/upgrade-account/Da21CircuitObserver.js';
import { EsbMetrics } from './EsbMetrics.js';

const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The DA21 breaker's state as a gauge (0 closed, 1 half-open, 2 open) and its transitions as a counter. */
@injectable()
export class Da21CircuitMetrics implements Da21CircuitObserver {
  constructor(@inject(EsbMetrics) private readonly metrics: EsbMetrics) {}

  circuitChanged(to: CircuitState, from: CircuitState | undefined): void {
    this.metrics.circuitState.set({ transaction: 'DA21' }, CIRCUIT_STATE_VALUE[to]);
    if (from !== undefined) this.metrics.circuitTransitions.inc({ transaction: 'DA21', to });
  }
}
