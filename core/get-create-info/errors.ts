import { DomainError } from '../shared/DomainError.js';

/** None of idno, phone, seqNo was given (or all were empty). */
export class NoSearchCriteria extends DomainError {
  readonly code = 'VALIDATION_ERROR';
  readonly kind = 'validation' as const;
  constructor() {
    super('idno, phone, seqNo: at least one must be a non-empty string');
  }
}
