import { KYC_PROFILE_LIMITS as LIMITS } from '../../json-schema/kyc-change-notifier/kycProfileLimits.js';
import { varchar, type ColumnShape } from '../ColumnShape.js';

/** The `kyc_profiles` table (migration 0003); text sizes are the API's limits. */
export const KYC_PROFILE_SHAPE = {
  uid: varchar(LIMITS.uid, { primaryKey: true }),
  wallet_status: varchar(16, { required: true }),
  client_status: { type: 'integer' },
  level: { type: 'integer' },
  is_meet_business: { type: 'boolean' },
  reject_reason: { type: 'text' },
  reject_reason_keys: { type: 'text' },
  delete_reason: { type: 'text' },
  delete_reason_keys: { type: 'text' },
  name: varchar(LIMITS.name),
  gender: varchar(LIMITS.gender),
  dob: varchar(10),
  nationality: varchar(LIMITS.nationality),
  address: varchar(LIMITS.address),
  mailing_address: varchar(LIMITS.mailingAddress),
  phone: varchar(32),
  industry_code: varchar(LIMITS.industryCode),
  occupation_code: varchar(LIMITS.occupationCode),
  ic_type: varchar(LIMITS.icType),
  // occurredAt (unix seconds) of the last event applied to each part of the profile.
  status_occurred_at: { type: 'bigint' },
  info_occurred_at: { type: 'bigint' },
  phone_occurred_at: { type: 'bigint' },
  wallet_occurred_at: { type: 'bigint' },
} as const satisfies ColumnShape;
