import { inject, injectable } from 'inversify';
import { CLIENT_STATUS, KYC_LEVEL } from './KycCodes.js';
import { newProfile, type KycProfile } from './KycProfile.js';
import { KycProfileRepository } from './ports.js';

export type EntryRoute = 'ACTIVATION' | 'BANNED_POPUP' | 'KYC_STATUS_POPUP' | 'MONEYPLUS_REGISTRATION' | 'EKYC_FLOW';

export interface KycStatusPopup {
  readonly kycStatus: 'PENDING';
  /** Which case is pending. */
  readonly tag: 'FULL_KYC' | 'EKYC';
  /** What the popup offers: the user waits for the review. */
  readonly action: 'WAIT_FOR_REVIEW';
}

export interface EntryDecision {
  readonly uid: string;
  readonly route: EntryRoute;
  /** For ACTIVATION: the pages the user goes through, in order. */
  readonly steps?: readonly string[];
  /** For KYC_STATUS_POPUP. */
  readonly popup?: KycStatusPopup;
}

export const ACTIVATION_STEPS = ['CONSENT_PAGE', 'SET_PAYMENT_PASSWORD', 'EKYC'] as const;

/** Where the Money+ entry sends a user, first matching rule wins (SPEC 5.3). */
export function routeEntry(profile: KycProfile): EntryDecision {
  const { uid, walletStatus, status } = profile;
  if (walletStatus === 'NOT_ACTIVATED') return { uid, route: 'ACTIVATION', steps: [...ACTIVATION_STEPS] };
  if (walletStatus === 'BANNED') return { uid, route: 'BANNED_POPUP' };
  if (status?.clientStatus === CLIENT_STATUS.PENDING && (status.level === KYC_LEVEL.FULL || status.level === KYC_LEVEL.EKYC)) {
    const tag = status.level === KYC_LEVEL.EKYC ? 'EKYC' : 'FULL_KYC';
    return { uid, route: 'KYC_STATUS_POPUP', popup: { kycStatus: 'PENDING', tag, action: 'WAIT_FOR_REVIEW' } };
  }
  if (status?.clientStatus === CLIENT_STATUS.APPROVED && status.level === KYC_LEVEL.EKYC) return { uid, route: 'MONEYPLUS_REGISTRATION' };
  return { uid, route: 'EKYC_FLOW' };
}

/**
 * The Money+ entry routing. A uid the mirror has never heard of has no activated wallet
 * on record, so it goes to activation like any not-activated user.
 */
@injectable()
export class MoneyPlusEntry {
  constructor(@inject(KycProfileRepository) private readonly profiles: KycProfileRepository) {}

  async execute({ uid }: { uid: string }): Promise<EntryDecision> {
    return routeEntry((await this.profiles.find(uid)) ?? newProfile(uid));
  }
}
