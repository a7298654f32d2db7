import { inject, injectable } from 'inversify';
import { Database } from '../Database.js';
import type { FixtureSection, LoadMode } from '../fixtures/FixtureSection.js';
import { itemsToWrite } from '../fixtures/itemsToWrite.js';
import { defineKycChangeNotifierModels } from './kycChangeNotifierModels.js';

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

  async load(items: unknown[], mode: LoadMode): Promise<number> {
    const { MoneyPlusSubscription } = this.database.models(defineKycChangeNotifierModels);
    const options = this.database.queryOptions();
    const subscriptions = items as { uid: string; bizId: string }[];
    const found = await MoneyPlusSubscription.findAll({ attributes: ['uid', 'biz_id'], where: { uid: subscriptions.map((item) => item.uid) }, ...options });
    const keyOf = (uid: string, bizId: string) => JSON.stringify([uid, bizId]);
    const stored = new Set(found.map((row) => keyOf(row.get().uid, row.get().biz_id)));
    const toWrite = itemsToWrite(this.key, subscriptions, mode, {
      isStored: (item) => stored.has(keyOf(item.uid, item.bizId)),
      describe: (item) => `subscription of uid ${item.uid} to ${item.bizId}`,
    });
    // A replaced subscription is the same row: it keeps its first subscription time.
    const rows = toWrite.filter((item) => !stored.has(keyOf(item.uid, item.bizId))).map(({ uid, bizId }) => ({ uid, biz_id: bizId, subscribed_at: new Date() }));
    await MoneyPlusSubscription.bulkCreate(rows, { ignoreDuplicates: true, ...options });
    return toWrite.length;
  }
}
