import { varchar, type ColumnShape } from '../ColumnShape.js';

/** The `kyc_profiles` table (migration 0003). */
export const KYC_PROFILE_SHAPE = {
  uid: varchar(64, { primaryKey: true }),
  wallet_status: varchar(16, { required: true }),
  client_status: { type: 'integer' },
  level: { type: 'integer' },
  is_meet_business: { type: 'boolean' },
  reject_reason: { type: 'text' },
  reject_reason_keys: { type: 'text' },
  delete_reason: { type: 'text' },
  delete_reason_keys: { type: 'text' },
  name: varchar(200),
  gender: varchar(16),
  dob: varchar(10),
  nationality: varchar(16),
  address: varchar(500),
  mailing_address: varchar(500),
  phone: varchar(32),
  industry_code: varchar(20),
  occupation_code: varchar(20),
  ic_type: varchar(20),
  // occurredAt (unix seconds) of the last event applied to each part of the profile.
  status_occurred_at: { type: 'bigint' },
  info_occurred_at: { type: 'bigint' },
  phone_occurred_at: { type: 'bigint' },
  wallet_occurred_at: { type: 'bigint' },
} as const satisfies ColumnShape;
