import type { Dialect } from '../Database.js';
import type { KycProfileRow } from './kycChangeNotifierModels.js';

/** kyc_profiles' columns besides its key and timestamps, in the order statements bind them. */
export const KYC_PROFILE_COLUMNS = [
  'wallet_status', 'client_status', 'level', 'is_meet_business', 'reject_reason', 'reject_reason_keys', 'delete_reason',
  'delete_reason_keys', 'name', 'gender', 'dob', 'nationality', 'address', 'mailing_address', 'phone', 'industry_code',
  'occupation_code', 'ic_type', 'status_occurred_at', 'info_occurred_at', 'phone_occurred_at', 'wallet_occurred_at',
] as const satisfies readonly Exclude<keyof KycProfileRow, 'uid'>[];

/**
 * The statements of the KycChanged write path, written once for the repositories and for
 * the least-work baseline of `npm run bench -- kyc-ingest`, which must run the same ones.
 */
export interface KycSql {
  readonly profileExists: string;
  /** The whole row, locked until the transaction ends (SQLite has one writer: no lock needed). */
  readonly lockProfile: string;
  readonly selectProfile: string;
  /** Inserts the row unless the uid exists: (uid, ...KYC_PROFILE_COLUMNS, created_at, updated_at). */
  readonly insertProfileUnlessExists: string;
  /** (...KYC_PROFILE_COLUMNS, updated_at, uid). */
  readonly updateProfile: string;
  readonly findProcessedEvent: string;
  /** (event_id, uid, event_type, outcome, processed_at). */
  readonly insertProcessedEvent: string;
  /** (uid, event_id, event_type, outcome, changes, note, occurred_at, request_id, recorded_at). */
  readonly insertHistory: string;
  readonly subscribedBizIds: string;
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
const profileColumns = `uid, ${KYC_PROFILE_COLUMNS.join(', ')}`;

export function kycSql(dialect: Dialect): KycSql {
  return {
    profileExists: 'SELECT uid FROM kyc_profiles WHERE uid = ?',
    lockProfile: `SELECT ${profileColumns} FROM kyc_profiles WHERE uid = ?${dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
    selectProfile: `SELECT ${profileColumns} FROM kyc_profiles WHERE uid = ?`,
    insertProfileUnlessExists:
      `${dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO kyc_profiles (${profileColumns}, created_at, updated_at) ` +
      `VALUES (${placeholders(KYC_PROFILE_COLUMNS.length + 3)})`,
    updateProfile: `UPDATE kyc_profiles SET ${KYC_PROFILE_COLUMNS.map((column) => `${column} = ?`).join(', ')}, updated_at = ? WHERE uid = ?`,
    findProcessedEvent: 'SELECT event_id, uid, event_type, outcome, processed_at FROM kyc_processed_events WHERE event_id = ?',
    insertProcessedEvent: 'INSERT INTO kyc_processed_events (event_id, uid, event_type, outcome, processed_at) VALUES (?, ?, ?, ?, ?)',
    insertHistory:
      'INSERT INTO kyc_profile_history (uid, event_id, event_type, outcome, changes, note, occurred_at, request_id, recorded_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    subscribedBizIds: 'SELECT biz_id FROM moneyplus_subscriptions WHERE uid = ? ORDER BY biz_id',
  };
}

/** A profile row's values in KYC_PROFILE_COLUMNS order. */
export function profileValues(row: KycProfileRow): (string | number | boolean | null)[] {
  return KYC_PROFILE_COLUMNS.map((column) => row[column]);
}

/** True for the driver's duplicate-key error (mysql2 ER_DUP_ENTRY, node-sqlite3 SQLITE_CONSTRAINT on a unique key). */
export function isDuplicateKey(error: unknown): boolean {
  const driverError = (error as { original?: unknown } | undefined)?.original ?? error; // DatabaseError wraps it
  const { code, message } = (driverError ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ER_DUP_ENTRY') return true;
  return code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && /UNIQUE|PRIMARY KEY/.test(message);
}
