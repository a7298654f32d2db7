import type { CircuitState } from '../CircuitBreaker.js';

/**
 * Told the DA21 circuit breaker's state when the breaker is made and on every change after,
 * so operators can chart and alert on it (the metrics adapter is one). Must not throw.
 */
export interface Da21CircuitObserver {
  circuitChanged(to: CircuitState, from: CircuitState | undefined): void;
}
export const Da21CircuitObserver = Symbol.for('Da21CircuitObserver');
