/** The `outbox` section of the configuration, as the worker and the retention job need it. */
export interface OutboxSettings {
  /** node-cron expression of the worker's safety-net claim (local commits wake it at once). */
  readonly schedule: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  /** Waits after each failed attempt; the last one repeats and caps a receiver's Retry-After. */
  readonly backoffMs: readonly number[];
  /** Delivered messages (and their attempts) older than this are purged; FAILED and PENDING never. */
  readonly retentionDays: number;
  /** node-cron expression of the purge job. */
  readonly purgeSchedule: string;
  /** Rows per purge statement, so a purge never holds many locks at once. */
  readonly purgeBatchSize: number;
}
export const OutboxSettings = Symbol.for('OutboxSettings');
