import { inject, injectable } from 'inversify';
import type { UpgradeReview, UpgradeReviewRepository } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { defineUpgradeAccountModels, type UpgradeReviewRow } from './upgradeAccountModels.js';

function toRow(review: UpgradeReview): Omit<UpgradeReviewRow, 'id'> {
  return {
    member_id: review.memberId,
    edda_check_id: review.eddaCheckId,
    is_pass: review.isPass,
    outcome: review.outcome,
    esb_transaction_id: review.esbTransactionId,
    request_id: review.requestId,
    consumer: review.consumer,
    reviewed_at: review.reviewedAt,
  };
}

@injectable()
export class SequelizeUpgradeReviewRepository implements UpgradeReviewRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  async record(review: UpgradeReview): Promise<void> {
    await this.database.models(defineUpgradeAccountModels).UpgradeReview.create(toRow(review), this.database.queryOptions());
  }

  async recordAll(reviews: readonly UpgradeReview[]): Promise<void> {
    if (reviews.length === 0) return;
    await this.database.models(defineUpgradeAccountModels).UpgradeReview.bulkCreate(reviews.map(toRow), this.database.queryOptions());
  }
}
