import { CLIENT_STATUS, KYC_LEVEL } from './KycCodes.js';
import {
  diff,
  isStale,
  KYC_INFO_FIELDS,
  KYC_STATUS_FIELDS,
  type FieldChange,
  type KycInfo,
  type KycProfile,
  type KycStatus,
  type ProfilePart,
} from './KycProfile.js';
import {
  infoCallbackData,
  moneyPlusFieldsChanged,
  statusCallbackData,
  type InfoCallbackData,
  type MoneyPlusEvent,
  type StatusCallbackData,
} from './MoneyPlusCallback.js';
import type { KycChangedEvent, KycEventOutcome, KycStatusInput } from './ports.js';

export type MoneyPlusNotice =
  | { readonly event: Extract<MoneyPlusEvent, 'KYC_STATUS_CHANGED'>; readonly data: StatusCallbackData }
  | { readonly event: Extract<MoneyPlusEvent, 'KYC_INFO_CHANGED'>; readonly data: InfoCallbackData };

/** What one event does to a profile, decided without any I/O. */
export interface KycEventEffect {
  readonly outcome: Exclude<KycEventOutcome, 'DUPLICATE'>;
  /** The profile after the event (the same object when nothing is to be saved). */
  readonly profile: KycProfile;
  readonly changes: readonly FieldChange[];
  readonly note: string | null;
  /** The callback subscribed partners receive, when the rules call for one. */
  readonly notice: MoneyPlusNotice | null;
}

function toStatus(input: KycStatusInput): KycStatus {
  return {
    clientStatus: input.clientStatus,
    level: input.level,
    isMeetBusiness: input.isMeetBusiness,
    rejectReason: input.rejectReason ?? '',
    rejectReasonKeys: [...(input.rejectReasonKeys ?? [])],
    deleteReason: input.deleteReason ?? '',
    deleteReasonKeys: [...(input.deleteReasonKeys ?? [])],
  };
}

function stamped(profile: KycProfile, parts: readonly ProfilePart[], occurredAt: number): KycProfile['appliedAt'] {
  const appliedAt = { ...profile.appliedAt };
  for (const part of parts) appliedAt[part] = occurredAt;
  return appliedAt;
}

function stale(profile: KycProfile, part: ProfilePart, changes: readonly FieldChange[]): KycEventEffect {
  const note = `not applied: a newer event (occurredAt ${profile.appliedAt[part]}) was already applied to ${part}`;
  return { outcome: 'STALE', profile, changes, note, notice: null };
}

/** An info callback goes out only for an approved case and only when a Money+ field really changed. */
function infoNotice(profile: KycProfile, changes: readonly FieldChange[]): MoneyPlusNotice | null {
  if (profile.status?.clientStatus !== CLIENT_STATUS.APPROVED) return null;
  const changed = moneyPlusFieldsChanged(changes.map((change) => change.field));
  return changed.length > 0 ? { event: 'KYC_INFO_CHANGED', data: infoCallbackData(profile.info, changed) } : null;
}

function applyStatus(profile: KycProfile, input: KycStatusInput, occurredAt: number): KycEventEffect {
  const status = toStatus(input);
  const changes = diff(profile.status, status, KYC_STATUS_FIELDS);
  if (isStale(profile, 'status', occurredAt)) return stale(profile, 'status', changes);
  const next: KycProfile = { ...profile, status, appliedAt: stamped(profile, ['status'], occurredAt) };
  if (changes.length === 0) return { outcome: 'UNCHANGED', profile: next, changes, note: null, notice: null };
  // Only the final state counts: full → eKYC reads exactly like none → eKYC.
  const notice: MoneyPlusNotice = { event: 'KYC_STATUS_CHANGED', data: statusCallbackData(status, occurredAt) };
  return { outcome: 'APPLIED', profile: next, changes, note: null, notice };
}

function applyInfo(profile: KycProfile, input: KycChangedEvent & { type: 'INFO' }): KycEventEffect {
  const given = KYC_INFO_FIELDS.filter((field) => input.info[field] !== undefined);
  const wanted: KycInfo = { ...profile.info, ...input.info };
  const wouldChange = diff(profile.info, wanted, given);
  if (isStale(profile, 'info', input.occurredAt)) return stale(profile, 'info', wouldChange);
  // A phone change the wallet applied later wins over an older INFO event's phone.
  const phoneIsStale = given.includes('phone') && isStale(profile, 'phone', input.occurredAt);
  const applied = phoneIsStale ? given.filter((field) => field !== 'phone') : given;
  const info: KycInfo = phoneIsStale ? { ...wanted, phone: profile.info.phone } : wanted;
  const changes = diff(profile.info, info, applied);
  const parts: ProfilePart[] = applied.includes('phone') ? ['info', 'phone'] : ['info'];
  const next: KycProfile = { ...profile, info, appliedAt: stamped(profile, parts, input.occurredAt) };
  const note = phoneIsStale ? `phone not applied: a newer phone change (occurredAt ${profile.appliedAt.phone}) was already applied` : null;
  if (changes.length === 0) return { outcome: 'UNCHANGED', profile: next, changes, note, notice: null };
  return { outcome: 'APPLIED', profile: next, changes, note, notice: infoNotice(next, changes) };
}

/**
 * The wallet's phone-change consumer: only an eKYC (level 300) profile takes the wallet's
 * phone; no re-verification is triggered either way.
 */
function applyPhone(profile: KycProfile, phone: string, occurredAt: number): KycEventEffect {
  const info: KycInfo = { ...profile.info, phone };
  const changes = diff(profile.info, info, ['phone']);
  if (isStale(profile, 'phone', occurredAt)) return stale(profile, 'phone', changes);
  if (profile.status?.level !== KYC_LEVEL.EKYC) {
    const note = `KYC phone not changed: the user's KYC level is ${profile.status?.level ?? 'none'}, not eKYC (300)`;
    return { outcome: 'NOT_EKYC', profile, changes, note, notice: null };
  }
  const next: KycProfile = { ...profile, info, appliedAt: stamped(profile, ['phone'], occurredAt) };
  if (changes.length === 0) return { outcome: 'UNCHANGED', profile: next, changes, note: null, notice: null };
  return { outcome: 'APPLIED', profile: next, changes, note: null, notice: infoNotice(next, changes) };
}

function applyWallet(profile: KycProfile, event: KycChangedEvent & { type: 'WALLET' }): KycEventEffect {
  const changes = diff(profile, { ...profile, walletStatus: event.walletStatus }, ['walletStatus']);
  if (isStale(profile, 'wallet', event.occurredAt)) return stale(profile, 'wallet', changes);
  const next: KycProfile = { ...profile, walletStatus: event.walletStatus, appliedAt: stamped(profile, ['wallet'], event.occurredAt) };
  return { outcome: changes.length > 0 ? 'APPLIED' : 'UNCHANGED', profile: next, changes, note: null, notice: null };
}

/** The rules of SPEC 5.1 for one event that was not seen before. */
export function applyKycEvent(profile: KycProfile, event: KycChangedEvent): KycEventEffect {
  switch (event.type) {
    case 'STATUS':
      return applyStatus(profile, event.status, event.occurredAt);
    case 'INFO':
      return applyInfo(profile, event);
    case 'PHONE':
      return applyPhone(profile, event.phone, event.occurredAt);
    case 'WALLET':
      return applyWallet(profile, event);
  }
}
