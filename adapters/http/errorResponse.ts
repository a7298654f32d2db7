import { DatabaseUnavailable } from '../../core/shared/DatabaseUnavailable.js';
import type { ErrorKind } from '../../core/shared/DomainError.js';
import { DomainError } from '../../core/shared/DomainError.js';
import { HttpProblem } from './HttpProblem.js';
import type { ErrorStyle } from './JsonEndpoint.js';

/** The one table from a domain error's kind to an HTTP status. */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  upstream_failure: 502,
  upstream_timeout: 504,
  unavailable: 503,
};

/** The one message of every 502: fixed, so nothing an upstream system wrote reaches a caller. */
export const UPSTREAM_FAILURE_MESSAGE = 'The core banking system did not complete the request';

export interface ErrorReply {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** True when the error was not expected and deserves a log line with its stack. */
  readonly unexpected: boolean;
}

/** What any thrown value becomes for a caller: never a stack trace. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof HttpProblem) return { status: error.status, code: error.code, message: error.message, unexpected: false };
  if (error instanceof DomainError && error.kind === 'upstream_failure') {
    // The upstream's own words (DA21's RtrnDesc…) go to the log, never to our caller.
    return { status: 502, code: error.code, message: UPSTREAM_FAILURE_MESSAGE, unexpected: true };
  }
  if (error instanceof DomainError) {
    // A database outage gets a log line with the driver's error; an open ESB circuit was logged when it opened.
    const unexpected = error instanceof DatabaseUnavailable;
    return { status: STATUS_OF_KIND[error.kind], code: error.code, message: error.message, unexpected };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'An internal error occurred', unexpected: true };
}

/** The failure envelope in the endpoint's seed form. */
export function errorEnvelope(style: ErrorStyle, code: string, message: string): object {
  const error = style === 'snake_case' ? { error_code: code, error_message: message } : { errorCode: code, errorMessage: message };
  return { success: false, error };
}
