import { inject, injectable } from 'inversify';
import type { EddaCheckView, MemberConsoleReader, MemberView, UpgradeReviewView } from '../../../core/ops-console/ports.js';
import { Database } from '../Database.js';
import { selectRows, type SelectParameter } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import type { MemberRow } from './upgradeAccountModels.js';

const MEMBER_SQL = 'SELECT member_id, idno, phone, name, account_id, prod_name, digital_level FROM members WHERE member_id = ?';
const CURRENT_CHECK_SQL = 'SELECT id, status FROM edda_checks WHERE member_id = ? ORDER BY id DESC LIMIT 1';
const HISTORY_SQL = 'SELECT from_status, to_status, changed_at FROM edda_check_history WHERE edda_check_id = ? ORDER BY id';
const REVIEWS_SQL = 'SELECT is_pass, outcome, esb_transaction_id, request_id, reviewed_at FROM upgrade_reviews WHERE member_id = ? ORDER BY id';

interface HistoryRow {
  from_status: string | null;
  to_status: string;
  changed_at: Date | string;
}

interface ReviewRow {
  is_pass: boolean | number;
  outcome: string;
  esb_transaction_id: string | null;
  request_id: string;
  reviewed_at: Date | string;
}

/**
 * Members, EDDA checks and reviews as the operations console reads them (no locks), from a
 * usable read replica (`database.replicas`) when there is one.
 */
@injectable()
export class SequelizeMemberConsoleReader implements MemberConsoleReader {
  constructor(@inject(Database) private readonly database: Database) {}

  private select<Row extends object>(sql: string, parameters: readonly SelectParameter[]): Promise<Row[]> {
    return selectRows<Row>(this.database, sql, parameters, { readFrom: 'replica' });
  }

  async find(memberId: string): Promise<MemberView | null> {
    const [value] = await this.select<MemberRow>(MEMBER_SQL, [memberId]);
    if (!value) return null;
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
    const [check] = await this.select<{ id: number; status: string }>(CURRENT_CHECK_SQL, [memberId]);
    if (!check) return null;
    const history = await this.select<HistoryRow>(HISTORY_SQL, [check.id]);
    return {
      status: check.status,
      history: history.map((change) => ({ from: change.from_status, to: change.to_status, changedAt: rowDate(change.changed_at) })),
    };
  }

  async reviewsOf(memberId: string): Promise<UpgradeReviewView[]> {
    const rows = await this.select<ReviewRow>(REVIEWS_SQL, [memberId]);
    return rows.map((review) => ({
      isPass: Boolean(review.is_pass),
      outcome: review.outcome,
      esbTransactionId: review.esb_transaction_id,
      requestId: review.request_id,
      reviewedAt: rowDate(review.reviewed_at),
    }));
  }
}
