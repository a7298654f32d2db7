import { inject, injectable, multiInject, optional } from 'inversify';
import { Clock } from '../../core/shared/Clock.js';
import { SignInObserver } from './SignInObserver.js';

/** How failed sign-ins are slowed down. */
export interface SignInThrottleLimits {
  /** Wrong tokens an address may present before it is made to wait (a person mistyping, a test). */
  readonly freeFailures: number;
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An address that has not failed for this long starts afresh. */
  readonly forgetAfterMs: number;
  /** Addresses remembered at most; past it the one that failed least recently is forgotten (memory stays bounded). */
  readonly maxAddresses: number;
}

/** The limits, when the composition root gives none (the configured `http.signInFreeFailures` overrides the first). */
export const SignInThrottleLimits = Symbol.for('SignInThrottleLimits');

export const SIGN_IN_THROTTLE_LIMITS: SignInThrottleLimits = {
  freeFailures: 10,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxAddresses: 10_000,
};

interface AddressRecord {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/**
 * Slows down token guessing (SPEC 8.1): after `freeFailures` wrong tokens from one address, each
 * further one bars that address for a doubling time, during which its requests get 429 with
 * Retry-After without their token being looked at (else guessing would go on at full speed).
 */
@injectable()
export class SignInThrottle {
  private readonly addresses = new Map<string, AddressRecord>();
  constructor(
    @inject(Clock) private readonly clock: Clock,
    @multiInject(SignInObserver) @optional() private readonly observers: SignInObserver[] = [],
    @inject(SignInThrottleLimits) @optional() readonly limits: SignInThrottleLimits = SIGN_IN_THROTTLE_LIMITS,
  ) {}

  /** Whole seconds this address must still wait (0: it may try); a barred request is counted as throttled. */
  retryAfterSeconds(address: string): number {
    const now = this.clock.now().getTime();
    const record = this.current(address, now);
    const waitMs = record ? record.blockedUntil - now : 0;
    if (waitMs <= 0) return 0;
    this.tell('throttled');
    return Math.ceil(waitMs / 1000);
  }

  /** A wrong token came from this address. */
  failed(address: string): void {
    const now = this.clock.now().getTime();
    const record = this.current(address, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    record.failures += 1;
    record.lastFailureAt = now;
    const over = record.failures - this.limits.freeFailures;
    if (over > 0) record.blockedUntil = now + Math.min(this.limits.baseDelayMs * 2 ** Math.min(over - 1, 30), this.limits.maxDelayMs);
    // Re-inserted, so the map's order is the order of last failure: the first entry is the one to forget.
    this.addresses.delete(address);
    if (this.addresses.size >= this.limits.maxAddresses) this.addresses.delete(this.addresses.keys().next().value!);
    this.addresses.set(address, record);
    this.tell('unauthorized');
  }

  /** Addresses remembered now (for tests and the bench). */
  get size(): number {
    return this.addresses.size;
  }

  private current(address: string, now: number): AddressRecord | undefined {
    const record = this.addresses.get(address);
    if (record && now - record.lastFailureAt >= this.limits.forgetAfterMs && now >= record.blockedUntil) {
      this.addresses.delete(address);
      return undefined;
    }
    return record;
  }

  private tell(outcome: 'unauthorized' | 'throttled'): void {
    for (const observer of this.observers) observer.refused(outcome);
  }
}
