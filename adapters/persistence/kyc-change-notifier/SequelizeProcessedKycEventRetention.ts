import { inject, injectable } from 'inversify';
import { QueryTypes } from 'sequelize';
import type { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { Database } from '../Database.js';

/**
 * Processed KYC event ids older than the horizon, a batch at a time. They only serve
 * deduplication (the history table is the audit trail and stays): a replay older than the
 * horizon is then judged by its occurredAt, as STALE or UNCHANGED, never sent twice.
 */
@injectable()
export class SequelizeProcessedKycEventRetention implements RetentionPurger {
  readonly name = 'kyc-processed-events';

  constructor(@inject(Database) private readonly database: Database) {}

  purgeBatch(horizon: Date, limit: number): Promise<number> {
    return this.database.inTransaction(async () => {
      const { transaction } = this.database.queryOptions();
      const rows = await this.database.sequelize.query<{ event_id: string }>(
        'SELECT event_id FROM kyc_processed_events WHERE processed_at < :horizon ORDER BY processed_at LIMIT :limit',
        { replacements: { horizon, limit }, type: QueryTypes.SELECT, transaction },
      );
      if (rows.length === 0) return 0;
      await this.database.sequelize.query('DELETE FROM kyc_processed_events WHERE event_id IN (:ids)', {
        replacements: { ids: rows.map((row) => row.event_id) },
        transaction,
      });
      return rows.length;
    }, { readCommitted: true });
  }
}
