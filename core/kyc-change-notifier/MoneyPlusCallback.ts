import { OTHERS_REASON_KEY } from './KycCodes.js';
import type { KycInfo, KycInfoField, KycStatus } from './KycProfile.js';

/** The outbox topic of Money+ callbacks; its handler is the Money+ callback client. */
export const MONEYPLUS_CALLBACK_TOPIC = 'moneyplus.callback';

export type MoneyPlusEvent = 'KYC_STATUS_CHANGED' | 'KYC_INFO_CHANGED';

/** `data` of a KYC_STATUS_CHANGED callback (SPEC 5.2). */
export interface StatusCallbackData {
  readonly spay_kyc_client_status: number;
  readonly spay_kyc_level: number;
  readonly is_meet_business: boolean;
  readonly spay_reject_reason: string;
  readonly spay_reject_reason_key: string;
  readonly spay_delete_reason: string;
  readonly spay_delete_reason_key: string;
  readonly change_status_time: number;
}

/** The Money+ names of the personal-data fields a callback or a field query carries. */
export const MONEYPLUS_INFO_FIELDS = [
  'name',
  'gender',
  'dob',
  'nationality',
  'address',
  'mailing_address',
  'phone',
  'nature_of_business',
  'occupation',
] as const;
export type MoneyPlusInfoField = (typeof MONEYPLUS_INFO_FIELDS)[number];

/** Which profile field each Money+ name carries: industry and occupation go as codes. */
export const PROFILE_FIELD_OF: Readonly<Record<MoneyPlusInfoField, KycInfoField>> = {
  name: 'name',
  gender: 'gender',
  dob: 'dob',
  nationality: 'nationality',
  address: 'address',
  mailing_address: 'mailingAddress',
  phone: 'phone',
  nature_of_business: 'industryCode',
  occupation: 'occupationCode',
};

/** `data` of a KYC_INFO_CHANGED callback: the changed names, then every field's current value. */
export type InfoCallbackData = { readonly changed_fields: readonly MoneyPlusInfoField[] } & {
  readonly [field in MoneyPlusInfoField]: string;
};

/** What the outbox stores for one callback; the client adds `event_id` (the message id) when sending. */
export interface MoneyPlusCallbackPayload {
  readonly [key: string]: unknown;
  readonly bizId: string;
  readonly uid: string;
  readonly event: MoneyPlusEvent;
  readonly data: StatusCallbackData | InfoCallbackData;
}

/**
 * A reason as Money+ reads it: chosen keys go JSON-encoded in the `_key` field, the
 * "others" free text goes in the reason field; either may be empty, both may be filled.
 */
export function reasonForMoneyPlus(text: string, keys: readonly string[]): { reason: string; key: string } {
  const chosen = keys.filter((key) => key.toLowerCase() !== OTHERS_REASON_KEY);
  return { reason: text, key: chosen.length > 0 ? JSON.stringify(chosen) : '' };
}

export function statusCallbackData(status: KycStatus, occurredAt: number): StatusCallbackData {
  const reject = reasonForMoneyPlus(status.rejectReason, status.rejectReasonKeys);
  const remove = reasonForMoneyPlus(status.deleteReason, status.deleteReasonKeys);
  return {
    spay_kyc_client_status: status.clientStatus,
    spay_kyc_level: status.level,
    is_meet_business: status.isMeetBusiness,
    spay_reject_reason: reject.reason,
    spay_reject_reason_key: reject.key,
    spay_delete_reason: remove.reason,
    spay_delete_reason_key: remove.key,
    change_status_time: occurredAt,
  };
}

/** The Money+ names of the changed profile fields, in Money+'s order (icType has none). */
export function moneyPlusFieldsChanged(changedProfileFields: readonly string[]): MoneyPlusInfoField[] {
  return MONEYPLUS_INFO_FIELDS.filter((field) => changedProfileFields.includes(PROFILE_FIELD_OF[field]));
}

export function moneyPlusValue(info: KycInfo, field: MoneyPlusInfoField): string {
  return info[PROFILE_FIELD_OF[field]] ?? '';
}

export function infoCallbackData(info: KycInfo, changed: readonly MoneyPlusInfoField[]): InfoCallbackData {
  const values = Object.fromEntries(MONEYPLUS_INFO_FIELDS.map((field) => [field, moneyPlusValue(info, field)])) as {
    [field in MoneyPlusInfoField]: string;
  };
  return { changed_fields: [...changed], ...values };
}
