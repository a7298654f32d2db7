import { inject, injectable } from 'inversify';
import type { MoneyPlusSubscriptionRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { kycSql } from './kycSql.js';

const UNSUBSCRIBE_SQL = 'DELETE FROM moneyplus_subscriptions WHERE uid = ? AND biz_id = ?';

@injectable()
export class SequelizeMoneyPlusSubscriptionRepository implements MoneyPlusSubscriptionRepository {
  private readonly bizIdsSql: string;
  /** A second subscription to the same partner changes nothing. */
  private readonly subscribeSql: string;

  constructor(@inject(Database) private readonly database: Database) {
    this.bizIdsSql = kycSql(database.dialect).subscribedBizIds;
    this.subscribeSql = `${database.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO moneyplus_subscriptions (uid, biz_id, subscribed_at) VALUES (?, ?, ?)`;
  }

  async bizIdsOf(uid: string): Promise<string[]> {
    // On the driver: KycChanged asks on every event that calls for a callback (in its unit of work, so on the
    // primary); outside one (QueryFieldResult, the console) a usable read replica answers.
    const rows = await selectRows<{ biz_id: string }>(this.database, this.bizIdsSql, [uid], { readFrom: 'replica' });
    return rows.map((row) => row.biz_id);
  }

  async subscribe(uid: string, bizId: string, at: Date): Promise<void> {
    await runStatement(this.database, this.subscribeSql, [uid, bizId, at]);
  }

  async unsubscribe(uid: string, bizId: string): Promise<void> {
    await runStatement(this.database, UNSUBSCRIBE_SQL, [uid, bizId]);
  }
}
