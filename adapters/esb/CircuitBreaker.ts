import type { Clock } from '../../core/shared/Clock.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerSettings {
  /** Consecutive failures that open the circuit. */
  readonly failuresToOpen: number;
  /** How long the circuit stays open before letting a probe through (ms). */
  readonly openMs: number;
  /** Calls let through at once while half-open; the first verdict closes or reopens. */
  readonly halfOpenProbes: number;
}

export type CircuitTransition = (from: CircuitState, to: CircuitState) => void;

/** Leave to make one call; its outcome counts only if the circuit has not moved on since. */
export interface CircuitPermit {
  readonly generation: number;
}

/**
 * Closed → (N consecutive failures) → open → (openMs) → half-open → one probe:
 * success closes, failure reopens. Time comes from the injected Clock, so the state
 * machine is tested without timers. Results of calls admitted before a transition are
 * ignored: 40 calls timing out together open the circuit once, not forty times.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private generation = 0;
  private failures = 0;
  private openedAt = 0;
  private probes = 0;
  private readonly listeners: CircuitTransition[] = [];

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly clock: Clock,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  onTransition(listener: CircuitTransition): void {
    this.listeners.push(listener);
  }

  /** A permit to call, or null when the circuit refuses (open, or half-open with its probes out). */
  admit(): CircuitPermit | null {
    if (this.current === 'open') {
      if (this.clock.now().getTime() - this.openedAt < this.settings.openMs) return null;
      this.moveTo('half-open');
    }
    if (this.current === 'half-open') {
      if (this.probes >= this.settings.halfOpenProbes) return null;
      this.probes += 1;
    }
    return { generation: this.generation };
  }

  /** The ESB answered (whatever the business answer): it is up. */
  succeeded(permit: CircuitPermit): void {
    if (permit.generation !== this.generation) return;
    this.failures = 0;
    if (this.current === 'half-open') this.moveTo('closed');
  }

  /** The ESB timed out or could not be reached. */
  failed(permit: CircuitPermit): void {
    if (permit.generation !== this.generation) return;
    this.failures += 1;
    if (this.current === 'half-open' || this.failures >= this.settings.failuresToOpen) {
      this.openedAt = this.clock.now().getTime();
      this.moveTo('open');
    }
  }

  private moveTo(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    this.generation += 1;
    this.failures = 0;
    this.probes = 0;
    for (const listener of this.listeners) listener(previous, next);
  }
}
