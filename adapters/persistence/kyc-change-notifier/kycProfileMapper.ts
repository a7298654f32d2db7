import {
  CLIENT_STATUSES,
  KYC_LEVELS,
  WALLET_STATUSES,
  type ClientStatus,
  type KycLevel,
  type WalletStatus,
} from '../../../core/kyc-change-notifier/KycCodes.js';
import type { KycProfile, KycStatus } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { KycProfileRow } from './kycChangeNotifierModels.js';

function epochSeconds(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function keys(text: string | null): string[] {
  return text ? (JSON.parse(text) as string[]) : [];
}

function statusOf(row: KycProfileRow): KycStatus | null {
  if (row.client_status === null || row.level === null) return null;
  if (!(CLIENT_STATUSES as readonly number[]).includes(row.client_status)) throw new Error(`kyc_profiles.uid=${row.uid} has an unknown client_status`);
  if (!(KYC_LEVELS as readonly number[]).includes(row.level)) throw new Error(`kyc_profiles.uid=${row.uid} has an unknown level`);
  return {
    clientStatus: row.client_status as ClientStatus,
    level: row.level as KycLevel,
    isMeetBusiness: Boolean(row.is_meet_business),
    rejectReason: row.reject_reason ?? '',
    rejectReasonKeys: keys(row.reject_reason_keys),
    deleteReason: row.delete_reason ?? '',
    deleteReasonKeys: keys(row.delete_reason_keys),
  };
}

export function toKycProfile(row: KycProfileRow): KycProfile {
  if (!(WALLET_STATUSES as readonly string[]).includes(row.wallet_status)) throw new Error(`kyc_profiles.uid=${row.uid} has an unknown wallet_status`);
  return {
    uid: row.uid,
    walletStatus: row.wallet_status as WalletStatus,
    status: statusOf(row),
    info: {
      name: row.name,
      gender: row.gender,
      dob: row.dob,
      nationality: row.nationality,
      address: row.address,
      mailingAddress: row.mailing_address,
      phone: row.phone,
      industryCode: row.industry_code,
      occupationCode: row.occupation_code,
      icType: row.ic_type,
    },
    appliedAt: {
      status: epochSeconds(row.status_occurred_at),
      info: epochSeconds(row.info_occurred_at),
      phone: epochSeconds(row.phone_occurred_at),
      wallet: epochSeconds(row.wallet_occurred_at),
    },
  };
}

export function toKycProfileRow(profile: KycProfile): KycProfileRow {
  const { status, info, appliedAt } = profile;
  return {
    uid: profile.uid,
    wallet_status: profile.walletStatus,
    client_status: status?.clientStatus ?? null,
    level: status?.level ?? null,
    is_meet_business: status?.isMeetBusiness ?? null,
    reject_reason: status?.rejectReason ?? null,
    reject_reason_keys: status ? JSON.stringify(status.rejectReasonKeys) : null,
    delete_reason: status?.deleteReason ?? null,
    delete_reason_keys: status ? JSON.stringify(status.deleteReasonKeys) : null,
    name: info.name,
    gender: info.gender,
    dob: info.dob,
    nationality: info.nationality,
    address: info.address,
    mailing_address: info.mailingAddress,
    phone: info.phone,
    industry_code: info.industryCode,
    occupation_code: info.occupationCode,
    ic_type: info.icType,
    status_occurred_at: appliedAt.status,
    info_occurred_at: appliedAt.info,
    phone_occurred_at: appliedAt.phone,
    wallet_occurred_at: appliedAt.wallet,
  };
}
