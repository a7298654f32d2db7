import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut, AccountLevelGatewayUnavailable } from '../../../core/upgrade-account/errors.js';
import type { AccountLevelGateway, DigitalLevelChange } from '../../../core/upgrade-account/ports.js';
import type { CallOutcome, CircuitBreaker } from '../CircuitBreaker.js';

/**
 * What a failed DA21 call says about the ESB: a timeout of a call the ESB received, or an
 * unreachable / failing ESB, counts against the circuit; a refusal by the core bank means
 * it answered; a deadline spent before the call, or an error of our own, says nothing.
 */
export function outcomeOf(error: unknown): CallOutcome {
  if (error instanceof AccountLevelGatewayTimedOut) return error.esbCalled ? 'failure' : 'not-attempted';
  if (error instanceof AccountLevelGatewayFailed) return error.esbDown ? 'failure' : 'success';
  return 'not-attempted';
}

/** DA21 behind a circuit breaker: while the ESB keeps failing, calls answer ESB_UNAVAILABLE at once. */
export class CircuitBreakingAccountLevelGateway implements AccountLevelGateway {
  constructor(
    private readonly inner: AccountLevelGateway,
    private readonly breaker: CircuitBreaker,
  ) {}

  async setDigitalLevel(change: DigitalLevelChange): Promise<void> {
    const permit = this.breaker.admit();
    if (!permit) throw new AccountLevelGatewayUnavailable();
    // Whatever ends the call, its permit goes back: a probe never returned keeps the circuit open for good.
    let outcome: CallOutcome = 'not-attempted';
    try {
      await this.inner.setDigitalLevel(change);
      outcome = 'success';
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      this.breaker.release(permit, outcome);
    }
  }
}
