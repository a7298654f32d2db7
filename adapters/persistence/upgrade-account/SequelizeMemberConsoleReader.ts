import { inject, injectable } from 'inversify';
import type { EddaCheckView, MemberConsoleReader, MemberView, UpgradeReviewView } from '../../../core/ops-console/ports.js';
import { Database } from '../Database.js';
import { defineUpgradeAccountModels } from './upgradeAccountModels.js';

/** Members, EDDA checks and reviews as the operations console reads them (no locks). */
@injectable()
export class SequelizeMemberConsoleReader implements MemberConsoleReader {
  constructor(@inject(Database) private readonly database: Database) {}

  private get models() {
    return this.database.models(defineUpgradeAccountModels);
  }

  async find(memberId: string): Promise<MemberView | null> {
    const row = await this.models.Member.findByPk(memberId);
    if (!row) return null;
    const value = row.get();
    return {
      memberId: value.member_id,
      idno: value.idno,
      phone: value.phone,
      name: value.name,
      accountId: value.account_id,
      prodName: value.prod_name,
      digitalLevel: value.digital_level,
    };
  }

  async eddaCheckOf(memberId: string): Promise<EddaCheckView | null> {
    const check = await this.models.EddaCheck.findOne({ where: { member_id: memberId }, order: [['id', 'DESC']] });
    if (!check) return null;
    const { id, status } = check.get();
    const history = await this.models.EddaCheckHistory.findAll({ where: { edda_check_id: id }, order: [['id', 'ASC']] });
    return {
      status,
      history: history.map((row) => {
        const change = row.get();
        return { from: change.from_status, to: change.to_status, changedAt: change.changed_at };
      }),
    };
  }

  async reviewsOf(memberId: string): Promise<UpgradeReviewView[]> {
    const rows = await this.models.UpgradeReview.findAll({ where: { member_id: memberId }, order: [['id', 'ASC']] });
    return rows.map((row) => {
      const review = row.get();
      return {
        isPass: Boolean(review.is_pass),
        outcome: review.outcome,
        esbTransactionId: review.esb_transaction_id,
        requestId: review.request_id,
        reviewedAt: review.reviewed_at,
      };
    });
  }
}
