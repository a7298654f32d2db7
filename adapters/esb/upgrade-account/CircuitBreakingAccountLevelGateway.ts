import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut, AccountLevelGatewayUnavailable } from '../../../core/upgrade-account/errors.js';
import type { AccountLevelGateway, DigitalLevelChange } from '../../../core/upgrade-account/ports.js';
import type { CircuitBreaker } from '../CircuitBreaker.js';

/**
 * A timeout of a call the ESB received, or an unreachable / failing ESB, counts against the
 * circuit; a refusal by the core bank does not, nor a deadline spent before the call.
 */
export function isEsbDown(error: unknown): boolean {
  return (error instanceof AccountLevelGatewayTimedOut && error.esbCalled) || (error instanceof AccountLevelGatewayFailed && error.esbDown);
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
    try {
      await this.inner.setDigitalLevel(change);
    } catch (error) {
      if (isEsbDown(error)) this.breaker.failed(permit);
      else if (!(error instanceof AccountLevelGatewayTimedOut)) this.breaker.succeeded(permit);
      throw error;
    }
    this.breaker.succeeded(permit);
  }
}
