import { inject, injectable } from 'inversify';
import { Database } from '../Database.js';
import type { FixtureSection } from '../fixtures/FixtureSection.js';
import { defineKycModels } from './kycModels.js';

/** Fixture key `moneyPlusSubscriptions`: `[{uid, bizId}]`. */
@injectable()
export class MoneyPlusSubscriptionsFixtureSection implements FixtureSection {
  readonly key = 'moneyPlusSubscriptions';
  readonly itemSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid', 'bizId'],
    properties: {
      uid: { type: 'string', minLength: 1, maxLength: 64 },
      bizId: { type: 'string', minLength: 1, maxLength: 64 },
    },
  };

  constructor(@inject(Database) private readonly database: Database) {}

  async load(items: unknown[]): Promise<void> {
    const rows = (items as { uid: string; bizId: string }[]).map(({ uid, bizId }) => ({ uid, biz_id: bizId, subscribed_at: new Date() }));
    await this.database.models(defineKycModels).MoneyPlusSubscription.bulkCreate(rows, { ignoreDuplicates: true, ...this.database.queryOptions() });
  }
}
