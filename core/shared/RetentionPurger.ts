/**
 * Deletes rows kept only for a while (delivered outbox messages, processed KYC event ids),
 * one small batch per call, so no statement holds many locks or runs long.
 */
export interface RetentionPurger {
  /** What it purges, for the logs. */
  readonly name: string;
  /** Deletes at most `limit` rows older than `horizon`; returns how many went. */
  purgeBatch(horizon: Date, limit: number): Promise<number>;
}
export const RetentionPurger = Symbol.for('RetentionPurger');
