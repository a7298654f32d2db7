import { DomainError } from './DomainError.js';

/**
 * The database cannot be reached: a refused, lost or timed-out connection, a server going
 * down. Persistence raises it instead of the driver's error, which it keeps as `cause`;
 * nothing of a unit of work it ended was kept, so the caller may try again later.
 */
export class DatabaseUnavailable extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly kind = 'unavailable' as const;

  constructor(options: { cause: unknown }) {
    super('The database is unavailable; try again later', options);
  }
}
