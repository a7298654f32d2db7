import type { ClientStatus, KycLevel, WalletStatus } from './KycCodes.js';
import type { FieldChange, KycInfoField, KycProfile } from './KycProfile.js';

interface KycEventBase {
  /** The KYC system's idempotency key: an event is applied at most once. */
  readonly eventId: string;
  readonly uid: string;
  /** Unix seconds, when the change happened in the KYC system. */
  readonly occurredAt: number;
}

export interface KycStatusInput {
  readonly clientStatus: ClientStatus;
  readonly level: KycLevel;
  readonly isMeetBusiness: boolean;
  readonly rejectReason?: string;
  readonly rejectReasonKeys?: readonly string[];
  readonly deleteReason?: string;
  readonly deleteReasonKeys?: readonly string[];
}

/** Only the fields present change; absent ones keep their value. */
export type KycInfoInput = { readonly [field in KycInfoField]?: string };

/** One `KycChanged` event (SPEC 5.1). */
export type KycChangedEvent =
  | (KycEventBase & { readonly type: 'STATUS'; readonly status: KycStatusInput })
  | (KycEventBase & { readonly type: 'INFO'; readonly info: KycInfoInput })
  | (KycEventBase & { readonly type: 'PHONE'; readonly phone: string })
  | (KycEventBase & { readonly type: 'WALLET'; readonly walletStatus: WalletStatus });
export type KycEventType = KycChangedEvent['type'];

/**
 * What an event did: APPLIED (something changed), UNCHANGED (same values again), STALE
 * (older than what the part already holds), NOT_EKYC (a wallet phone change for a user
 * without eKYC), DUPLICATE (this eventId was already processed).
 */
export type KycEventOutcome = 'APPLIED' | 'UNCHANGED' | 'STALE' | 'NOT_EKYC' | 'DUPLICATE';

export interface KycProfileRepository {
  /**
   * The user's profile, locked until the unit of work ends; `fresh` is inserted first when
   * the uid is unknown (safe when two units of work race to create it).
   */
  lockOrCreate(fresh: KycProfile): Promise<{ profile: KycProfile; created: boolean }>;
  save(profile: KycProfile): Promise<void>;
  find(uid: string): Promise<KycProfile | null>;
}
export const KycProfileRepository = Symbol.for('KycProfileRepository');

/** One row of a profile's history: every event, applied or not, with what it changed. */
export interface KycHistoryEntry {
  readonly uid: string;
  readonly eventId: string;
  readonly eventType: KycEventType;
  readonly outcome: Exclude<KycEventOutcome, 'DUPLICATE'>;
  /** For APPLIED, what changed; for STALE and NOT_EKYC, what the event would have changed. */
  readonly changes: readonly FieldChange[];
  readonly note: string | null;
  readonly occurredAt: number;
  readonly recordedAt: Date;
  readonly requestId: string;
}

export interface KycHistoryRepository {
  record(entry: KycHistoryEntry): Promise<void>;
  /** Oldest first. */
  listFor(uid: string): Promise<KycHistoryEntry[]>;
}
export const KycHistoryRepository = Symbol.for('KycHistoryRepository');

export interface ProcessedKycEvent {
  readonly eventId: string;
  readonly uid: string;
  readonly eventType: KycEventType;
  readonly outcome: Exclude<KycEventOutcome, 'DUPLICATE'>;
  readonly processedAt: Date;
}

/** The eventIds already processed (the idempotency keys of `KycChanged`). */
export interface ProcessedKycEventRepository {
  find(eventId: string): Promise<ProcessedKycEvent | null>;
  /** Throws KycEventAlreadyProcessed when another unit of work recorded the same eventId first. */
  record(event: ProcessedKycEvent): Promise<void>;
}
export const ProcessedKycEventRepository = Symbol.for('ProcessedKycEventRepository');

/** Which partners each user subscribed to (SPEC 5.3). */
export interface MoneyPlusSubscriptionRepository {
  /** The bizIds the user is subscribed to, sorted. */
  bizIdsOf(uid: string): Promise<string[]>;
  subscribe(uid: string, bizId: string, at: Date): Promise<void>;
  unsubscribe(uid: string, bizId: string): Promise<void>;
}
export const MoneyPlusSubscriptionRepository = Symbol.for('MoneyPlusSubscriptionRepository');

export interface MoneyPlusPartner {
  readonly bizId: string;
  /** The field names (Money+ names, e.g. `mailing_address`) QueryFieldResult returns to it. */
  readonly queryFields: readonly string[];
}

/** The partners configured to receive KYC data (config `moneyPlus.partners`). */
export interface MoneyPlusPartnerDirectory {
  find(bizId: string): MoneyPlusPartner | null;
}
export const MoneyPlusPartnerDirectory = Symbol.for('MoneyPlusPartnerDirectory');
