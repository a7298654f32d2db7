/**
 * What kind of failure a domain error is. Adapters map a kind to their own
 * vocabulary (HTTP status, RespCode…) in one table; the core never knows HTTP.
 */
export type ErrorKind =
  | 'validation'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'upstream_failure'
  | 'upstream_timeout'
  | 'unavailable';

/** Base of every error a use case raises on purpose: a stable UPPER_SNAKE_CASE `code`. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
