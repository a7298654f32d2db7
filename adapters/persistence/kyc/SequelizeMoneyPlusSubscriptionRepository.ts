import { inject, injectable } from 'inversify';
import type { MoneyPlusSubscriptionRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { defineKycModels } from './kycModels.js';

@injectable()
export class SequelizeMoneyPlusSubscriptionRepository implements MoneyPlusSubscriptionRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get model() {
    return this.database.models(defineKycModels).MoneyPlusSubscription;
  }

  async bizIdsOf(uid: string): Promise<string[]> {
    const rows = await this.model.findAll({ where: { uid }, order: [['biz_id', 'ASC']], ...this.database.queryOptions() });
    return rows.map((row) => row.get().biz_id);
  }

  async subscribe(uid: string, bizId: string, at: Date): Promise<void> {
    await this.model.bulkCreate([{ uid, biz_id: bizId, subscribed_at: at }], { ignoreDuplicates: true, ...this.database.queryOptions() });
  }

  async unsubscribe(uid: string, bizId: string): Promise<void> {
    await this.model.destroy({ where: { uid, biz_id: bizId }, ...this.database.queryOptions() });
  }
}
