import type { Dialect } from '../Database.js';

/**
 * The statements of UpgradeAccount's hot path (claim, record), written once for the
 * repositories and for the least-work route of `npm run bench -- upgrade`, which must run
 * the same ones. SQLite has one writer, so its locking reads need no lock.
 */
export interface UpgradeSql {
  /** (member_id) → member_id, account_id, prod_name, digital_level. */
  readonly selectMember: string;
  /** (digital_level, updated_at, member_id). */
  readonly setDigitalLevel: string;
  /** (member_id) → the member's current EDDA check (EDDA_CHECK_COLUMNS), locked. */
  readonly lockCurrentCheck: string;
  /** (id) → that EDDA check (EDDA_CHECK_COLUMNS), locked. */
  readonly lockCheckById: string;
  /** (deciding_until, esb_transaction_id, updated_at, id). */
  readonly claimCheck: string;
  /** (status, updated_at, id); the claim ends with the change. */
  readonly changeCheckStatus: string;
  /** (edda_check_id, from_status, to_status, request_id, changed_at). */
  readonly insertHistory: string;
  /** (member_id, edda_check_id, is_pass, outcome, esb_transaction_id, request_id, consumer, reviewed_at). */
  readonly insertReview: string;
}

export const EDDA_CHECK_COLUMNS = 'id, member_id, status, deciding_until, esb_transaction_id';

export function upgradeSql(dialect: Dialect): UpgradeSql {
  const forUpdate = dialect === 'mysql' ? ' FOR UPDATE' : '';
  return {
    selectMember: 'SELECT member_id, account_id, prod_name, digital_level FROM members WHERE member_id = ?',
    setDigitalLevel: 'UPDATE members SET digital_level = ?, updated_at = ? WHERE member_id = ?',
    lockCurrentCheck: `SELECT ${EDDA_CHECK_COLUMNS} FROM edda_checks WHERE member_id = ? ORDER BY id DESC LIMIT 1${forUpdate}`,
    lockCheckById: `SELECT ${EDDA_CHECK_COLUMNS} FROM edda_checks WHERE id = ?${forUpdate}`,
    claimCheck: 'UPDATE edda_checks SET deciding_until = ?, esb_transaction_id = ?, updated_at = ? WHERE id = ?',
    changeCheckStatus: 'UPDATE edda_checks SET status = ?, deciding_until = NULL, updated_at = ? WHERE id = ?',
    insertHistory: 'INSERT INTO edda_check_history (edda_check_id, from_status, to_status, request_id, changed_at) VALUES (?, ?, ?, ?, ?)',
    insertReview:
      'INSERT INTO upgrade_reviews (member_id, edda_check_id, is_pass, outcome, esb_transaction_id, request_id, consumer, reviewed_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  };
}
