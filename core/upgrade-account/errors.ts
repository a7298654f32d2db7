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

/** DA21 answered, but not with success (RtrnCode ≠ "200" or an unreadable reply). */
export class EsbDa21Failed extends DomainError {
  readonly code = 'ESB_DA21_FAILED';
  readonly kind = 'upstream_failure' as const;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`ESB DA21 did not change the account level: ${detail}`, options);
  }
}

/** DA21 gave no answer in time; the core may or may not have applied it. */
export class EsbTimeout extends DomainError {
  readonly code = 'ESB_TIMEOUT';
  readonly kind = 'upstream_timeout' as const;
  constructor(timeoutMs: number) {
    super(`ESB DA21 did not answer within ${timeoutMs} ms`);
  }
}
