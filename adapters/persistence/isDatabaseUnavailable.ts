import { ConnectionError, TimeoutError } from 'sequelize';
import { DatabaseUnavailable } from '../../core/shared/DatabaseUnavailable.js';

/** Driver codes that mean the server cannot be reached or went away, not that a query was wrong. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
]);

/** The error and what it wraps (Sequelize's `parent`/`original`, a standard `cause`), a few levels deep. */
function chainOf(error: unknown): object[] {
  const chain: object[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && chain.length < 8) {
    const current = pending.shift();
    if (!current || typeof current !== 'object' || chain.includes(current)) continue;
    chain.push(current);
    const { parent, original, cause } = current as { parent?: unknown; original?: unknown; cause?: unknown };
    pending.push(parent, original, cause);
  }
  return chain;
}

/**
 * True when an error means the database cannot be reached (→ 503), not a bad query:
 * refused or lost connections, pool acquire timeouts, a server shutting down, and
 * mysql2's `fatal` errors (the connection died, e.g. under a transaction that was begun).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chainOf(error).some((link) => {
    if (link instanceof ConnectionError || link instanceof TimeoutError) return true;
    const { code, fatal } = link as { code?: unknown; fatal?: unknown };
    return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || fatal === true;
  });
}

/** What persistence raises for a failed statement: an outage as the domain's DatabaseUnavailable, anything else as it is. */
export function raisePersistenceError(error: unknown): never {
  if (error instanceof DatabaseUnavailable || !isDatabaseUnavailable(error)) throw error;
  throw new DatabaseUnavailable({ cause: error });
}
