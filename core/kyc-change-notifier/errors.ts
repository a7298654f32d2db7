import { DomainError } from '../shared/DomainError.js';

export class PartnerNotFound extends DomainError {
  readonly code = 'PARTNER_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(readonly bizId: string) {
    super(`No Money+ partner has the bizId ${bizId}`);
  }
}

export class SubscriptionNotFound extends DomainError {
  readonly code = 'SUBSCRIPTION_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(readonly bizId: string) {
    super(`The user is not subscribed to ${bizId}`);
  }
}

export class KycProfileNotFound extends DomainError {
  readonly code = 'KYC_PROFILE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('The user has no KYC profile');
  }
}

/**
 * Raised by the processed-events store when a concurrent unit of work recorded the same
 * eventId first; the use case answers DUPLICATE after its own unit of work rolled back.
 */
export class KycEventAlreadyProcessed extends DomainError {
  readonly code = 'KYC_EVENT_ALREADY_PROCESSED';
  readonly kind = 'conflict' as const;
  constructor(readonly eventId: string) {
    super(`The KYC event ${eventId} was already processed`);
  }
}
