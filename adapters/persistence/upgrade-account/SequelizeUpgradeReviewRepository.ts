import { inject, injectable } from 'inversify';
import type { UpgradeReview, UpgradeReviewRepository } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { defineUpgradeAccountModels } from './upgradeAccountModels.js';

@injectable()
export class SequelizeUpgradeReviewRepository implements UpgradeReviewRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  async record(review: UpgradeReview): Promise<void> {
    await this.database.models(defineUpgradeAccountModels).UpgradeReview.create(
      {
        member_id: review.memberId,
        edda_check_id: review.eddaCheckId,
        is_pass: review.isPass,
        outcome: review.outcome,
        esb_transaction_id: review.esbTransactionId,
        request_id: review.requestId,
        consumer: review.consumer,
        reviewed_at: review.reviewedAt,
      },
      this.database.queryOptions(),
    );
  }
}
