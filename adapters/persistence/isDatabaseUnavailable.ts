import { ConnectionError, TimeoutError } from 'sequelize';

/** True when an error means the database cannot be reached (→ 503), not a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  const code = (error as { parent?: { code?: string }; original?: { code?: string } } | null)?.parent?.code;
  return code === 'ECONNREFUSED' || code === 'PROTOCOL_CONNECTION_LOST' || code === 'ETIMEDOUT' || code === 'SQLITE_BUSY';
}
