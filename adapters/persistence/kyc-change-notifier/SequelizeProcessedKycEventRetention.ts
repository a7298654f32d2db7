import { inject, injectable } from 'inversify';
import type { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { inList } from '../sqlList.js';

const OLDEST_SQL = 'SELECT event_id FROM kyc_processed_events WHERE processed_at < ? ORDER BY processed_at LIMIT ?';
const deleteSql = (ids: string) => `DELETE FROM kyc_processed_events WHERE event_id IN (${ids})`;

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
      const rows = await selectRows<{ event_id: string }>(this.database, OLDEST_SQL, [horizon, limit]);
      if (rows.length === 0) return 0;
      const ids = inList(rows.map((row) => row.event_id));
      await runStatement(this.database, deleteSql(ids.placeholders), ids.values);
      return rows.length;
    }, { readCommitted: true });
  }
}
