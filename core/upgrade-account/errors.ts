import { DomainError } from '../shared/DomainError.js';

export class CustomerInfoNotFound extends DomainError {
  readonly code = 'CUSTOMER_INFO_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('The member does not exist');
  }
}

export class EddaNotVerified extends DomainError {
  readonly code = 'EDDA_NOT_VERIFIED';
  readonly kind = 'conflict' as const;
  constructor(readonly currentStatus: string | null) {
    super(
      currentStatus === null
        ? 'The member has no EDDA check'
        : `The member's EDDA check is ${currentStatus}; only EDDASuccess can be reviewed`,
    );
  }
}

export class UpgradeAlreadyDecided extends DomainError {
  readonly code = 'UPGRADE_ALREADY_DECIDED';
  readonly kind = 'conflict' as const;
  constructor(readonly currentStatus: string) {
    super(`The video review was already decided as ${currentStatus}`);
  }
}

/** DA21 answered, but not with success (RtrnCode ≠ "200" or an unreadable reply), or the ESB was unreachable. */
export class AccountLevelGatewayFailed extends DomainError {
  readonly code = 'ESB_DA21_FAILED';
  readonly kind = 'upstream_failure' as const;
  /** True when the ESB itself failed (unreachable, HTTP 5xx), not when the core bank refused the change. */
  readonly esbDown: boolean;
  constructor(detail: string, options?: { cause?: unknown; esbDown?: boolean }) {
    super(`ESB DA21 did not change the account level: ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.esbDown = options?.esbDown ?? false;
  }
}

/** DA21 gave no answer in time; the core may or may not have applied it. */
export class AccountLevelGatewayTimedOut extends DomainError {
  readonly code = 'ESB_TIMEOUT';
  readonly kind = 'upstream_timeout' as const;
  /** False when the deadline had passed before the ESB was even called (the wait was ours, not the ESB's). */
  readonly esbCalled: boolean;
  constructor(timeoutMs: number, options: { esbCalled?: boolean } = {}) {
    super(`ESB DA21 did not answer within ${timeoutMs} ms`);
    this.esbCalled = options.esbCalled ?? true;
  }
}

/** Another call is deciding this member's EDDA check right now (its claim has not expired). */
export class UpgradeInProgress extends DomainError {
  readonly code = 'UPGRADE_IN_PROGRESS';
  readonly kind = 'conflict' as const;
  constructor() {
    super("The member's video review is being decided by another call; retry once it has finished");
  }
}

/** The DA21 circuit breaker is open: the ESB failed repeatedly, so no call is attempted. */
export class AccountLevelGatewayUnavailable extends DomainError {
  readonly code = 'ESB_UNAVAILABLE';
  readonly kind = 'unavailable' as const;
  constructor() {
    super('ESB DA21 is failing; calls are refused for a while, try again later');
  }
}
