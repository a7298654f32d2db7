import { inject, injectable } from 'inversify';
import type { MoneyPlusSubscriptionRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { selectRows } from '../selectRows.js';
import { defineKycChangeNotifierModels } from './kycChangeNotifierModels.js';
import { kycSql } from './kycSql.js';

@injectable()
export class SequelizeMoneyPlusSubscriptionRepository implements MoneyPlusSubscriptionRepository {
  private readonly bizIdsSql: string;

  constructor(@inject(Database) private readonly database: Database) {
    this.bizIdsSql = kycSql(database.dialect).subscribedBizIds;
  }

  private get model() {
    return this.database.models(defineKycChangeNotifierModels).MoneyPlusSubscription;
  }

  async bizIdsOf(uid: string): Promise<string[]> {
    // On the driver: KycChanged asks on every event that calls for a callback (in its unit of work, so on the
    // primary); outside one (QueryFieldResult, the console) a usable read replica answers.
    const rows = await selectRows<{ biz_id: string }>(this.database, this.bizIdsSql, [uid], { readFrom: 'replica' });
    return rows.map((row) => row.biz_id);
  }

  async subscribe(uid: string, bizId: string, at: Date): Promise<void> {
    await this.model.bulkCreate([{ uid, biz_id: bizId, subscribed_at: at }], { ignoreDuplicates: true, ...this.database.queryOptions() });
  }

  async unsubscribe(uid: string, bizId: string): Promise<void> {
    await this.model.destroy({ where: { uid, biz_id: bizId }, ...this.database.queryOptions() });
  }
}
