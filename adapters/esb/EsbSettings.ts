import type { CircuitBreakerSettings } from './CircuitBreaker.js';

/** What the DA21 adapters (HTTP gateway and simulator) need of the `esb` configuration. */
export interface EsbSettings {
  /** Required by the HTTP gateway (checked at start); there is no default address. */
  readonly url?: string;
  /** DA21's deadline, counted from the start of the UpgradeAccount call. */
  readonly timeoutMs: number;
  readonly channelId: string;
  readonly consumerId: string;
  /** DA21 circuit breaker: consecutive failures that open it, ms it stays open, probes let through half-open. */
  readonly circuitBreaker: CircuitBreakerSettings;
}
export const EsbSettings = Symbol.for('EsbSettings');
