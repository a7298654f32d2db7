import { DomainError } from './DomainError.js';

/** Input that breaks a rule the schema cannot express; the message names the field. */
export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_ERROR';
  readonly kind = 'validation' as const;

  constructor(readonly field: string, message: string) {
    super(message);
  }
}
