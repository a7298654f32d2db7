import type { ClientStatus, KycLevel, WalletStatus } from './KycCodes.js';

/** The KYC case as the KYC system last reported it (a STATUS event). */
export interface KycStatus {
  readonly clientStatus: ClientStatus;
  readonly level: KycLevel;
  readonly isMeetBusiness: boolean;
  /** The "others" free text of a rejection; "" when none. */
  readonly rejectReason: string;
  readonly rejectReasonKeys: readonly string[];
  readonly deleteReason: string;
  readonly deleteReasonKeys: readonly string[];
}

/** The personal data a KYC case holds (an INFO event; PHONE changes `phone`). */
export interface KycInfo {
  readonly name: string | null;
  readonly gender: string | null;
  readonly dob: string | null;
  readonly nationality: string | null;
  readonly address: string | null;
  readonly mailingAddress: string | null;
  readonly phone: string | null;
  readonly industryCode: string | null;
  readonly occupationCode: string | null;
  readonly icType: string | null;
}
export type KycInfoField = keyof KycInfo;
export const KYC_INFO_FIELDS: readonly KycInfoField[] = [
  'name',
  'gender',
  'dob',
  'nationality',
  'address',
  'mailingAddress',
  'phone',
  'industryCode',
  'occupationCode',
  'icType',
];

/**
 * The parts of a profile that events change independently. Each remembers the
 * `occurredAt` of the last event applied to it, so an older event cannot undo a newer one.
 */
export type ProfilePart = 'status' | 'info' | 'phone' | 'wallet';

export type AppliedAt = { readonly [part in ProfilePart]: number | null };

/** The bank's mirror of one wallet user's KYC profile. */
export interface KycProfile {
  readonly uid: string;
  readonly walletStatus: WalletStatus;
  /** null until the KYC system reports a case. */
  readonly status: KycStatus | null;
  readonly info: KycInfo;
  readonly appliedAt: AppliedAt;
}

export const EMPTY_INFO: KycInfo = {
  name: null,
  gender: null,
  dob: null,
  nationality: null,
  address: null,
  mailingAddress: null,
  phone: null,
  industryCode: null,
  occupationCode: null,
  icType: null,
};

/**
 * A profile the mirror has never seen. The KYC system is the source of truth, so an event
 * for an unknown uid creates it; the wallet counts as not activated until a WALLET event says otherwise.
 */
export function newProfile(uid: string): KycProfile {
  return {
    uid,
    walletStatus: 'NOT_ACTIVATED',
    status: null,
    info: EMPTY_INFO,
    appliedAt: { status: null, info: null, phone: null, wallet: null },
  };
}

/** An event at `occurredAt` is stale for a part when a newer one was already applied to it. */
export function isStale(profile: KycProfile, part: ProfilePart, occurredAt: number): boolean {
  const last = profile.appliedAt[part];
  return last !== null && occurredAt < last;
}

/** One field that an event changed: what it was, what it became. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose values differ between two records, in the order of `fields`. */
export function diff<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((field) => before === null || !sameValue(before[field], after[field]))
    .map((field) => ({ field, from: before === null ? null : before[field], to: after[field] }));
}

export const KYC_STATUS_FIELDS: readonly (keyof KycStatus & string)[] = [
  'clientStatus',
  'level',
  'isMeetBusiness',
  'rejectReason',
  'rejectReasonKeys',
  'deleteReason',
  'deleteReasonKeys',
];
