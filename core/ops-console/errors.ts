import { DomainError } from '../shared/DomainError.js';

export class MessageNotFound extends DomainError {
  readonly code = 'MESSAGE_NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`No outbox message ${id}`);
  }
}

export class MessageAlreadyDelivered extends DomainError {
  readonly code = 'MESSAGE_ALREADY_DELIVERED';
  readonly kind = 'conflict' as const;

  constructor(id: string) {
    super(`Outbox message ${id} was already delivered (DONE); there is nothing to retry`);
  }
}
