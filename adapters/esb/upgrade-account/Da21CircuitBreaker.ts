import type { CircuitBreaker } from '../CircuitBreaker.js';

/** The one circuit breaker in front of the DA21 gateway (logs and Da21CircuitObservers watch its transitions). */
export type Da21CircuitBreaker = CircuitBreaker;
export const Da21CircuitBreaker = Symbol.for('Da21CircuitBreaker');
