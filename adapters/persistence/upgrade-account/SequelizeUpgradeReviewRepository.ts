import { inject, injectable } from 'inversify';
import type { UpgradeReview, UpgradeReviewRepository } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { runStatement } from '../selectRows.js';
import type { UpgradeReviewRow } from './upgradeAccountModels.js';
import { upgradeSql } from './upgradeSql.js';

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

/** Reviews on the driver (UpgradeAccount's hot path; see `selectRows`). */
@injectable()
export class SequelizeUpgradeReviewRepository implements UpgradeReviewRepository {
  private readonly insertSql: string;

  constructor(@inject(Database) private readonly database: Database) {
    this.insertSql = upgradeSql(database.dialect).insertReview;
  }

  async record(review: UpgradeReview): Promise<void> {
    const row = toRow(review);
    await runStatement(this.database, this.insertSql, [
      row.member_id, row.edda_check_id, row.is_pass, row.outcome, row.esb_transaction_id, row.request_id, row.consumer, row.reviewed_at,
    ]);
  }

  /** One statement text whatever the batch's size (a multi-row INSERT would carry one text per size). */
  async recordAll(reviews: readonly UpgradeReview[]): Promise<void> {
    for (const review of reviews) await this.record(review);
  }
}
