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
 * How an admitted call ended: the ESB answered (`success`, whatever the business answer),
 * the ESB failed (`failure`), or it was never asked or we cannot tell (`not-attempted`:
 * a deadline spent before the call, an exception from our own code) — no verdict on the
 * ESB, but the permit is given back all the same.
 */
export type CallOutcome = 'success' | 'failure' | 'not-attempted';

/**
 * Closed → (N consecutive failures) → open → (openMs) → half-open → one probe:
 * success closes, failure reopens. Time comes from the injected Clock, so the state
 * machine is tested without timers. Results of calls admitted before a transition are
 * ignored: 40 calls timing out together open the circuit once, not forty times. Every
 * permit must be released once, whatever ends its call: a half-open probe never given back
 * would keep the circuit refusing until the process restarts.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private generation = 0;
  private failures = 0;
  private openedAt = 0;
  private probes = 0;
  /** Permits already released: a second release of the same one frees no second probe slot. */
  private readonly released = new WeakSet<CircuitPermit>();
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

  /** Gives the permit back with its call's outcome; only the first release of a permit counts. */
  release(permit: CircuitPermit, outcome: CallOutcome): void {
    if (this.released.has(permit)) return;
    this.released.add(permit);
    // A transition since the call was admitted reset the counts and slots: its outcome is stale.
    if (permit.generation !== this.generation) return;
    if (outcome === 'success') this.recordSuccess();
    else if (outcome === 'failure') this.recordFailure();
    else if (this.current === 'half-open') this.probes -= 1;
  }

  /** The ESB answered (whatever the business answer): it is up. */
  succeeded(permit: CircuitPermit): void {
    this.release(permit, 'success');
  }

  /** The ESB timed out or could not be reached. */
  failed(permit: CircuitPermit): void {
    this.release(permit, 'failure');
  }

  private recordSuccess(): void {
    this.failures = 0;
    if (this.current === 'half-open') this.moveTo('closed');
  }

  private recordFailure(): void {
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
