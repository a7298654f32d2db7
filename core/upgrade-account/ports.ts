import type { EddaStatus } from './EddaStatus.js';

export interface Member {
  readonly memberId: string;
  readonly accountId: string;
  readonly prodName: string;
  readonly digitalLevel: string;
}

export interface MemberRepository {
  findById(memberId: string): Promise<Member | null>;
  setDigitalLevel(memberId: string, level: string): Promise<void>;
}
export const MemberRepository = Symbol.for('MemberRepository');

export interface EddaCheck {
  readonly id: number;
  readonly memberId: string;
  readonly status: EddaStatus;
  /** Until when a call holds the decision (DA21 in flight); null when no call claims it. */
  readonly decidingUntil: Date | null;
  /** The ESB TransactionID of the first claim, reused by every retry; null before any claim. */
  readonly esbTransactionId: string | null;
}

/** A call's claim on deciding a check: others keep off until it expires or is released. */
export interface DecisionClaim {
  readonly esbTransactionId: string;
  readonly expiresAt: Date;
}

export interface EddaStatusChange {
  readonly to: EddaStatus;
  readonly at: Date;
  readonly requestId: string;
}

export interface EddaCheckRepository {
  /** The member's current check, locked until the unit of work ends (row lock on MySQL). */
  lockCurrentForMember(memberId: string): Promise<EddaCheck | null>;
  /** One check by id, locked until the unit of work ends. */
  lockById(checkId: number): Promise<EddaCheck | null>;
  /** Marks the check as being decided by this call, until the claim expires. */
  claim(check: EddaCheck, claim: DecisionClaim): Promise<void>;
  /** Ends claims without a decision, so callers may retry at once; the TransactionIDs stay. */
  releaseClaims(checks: readonly EddaCheck[]): Promise<void>;
  /** Moves the check to a new status (ending any claim) and writes the history row. */
  changeStatus(check: EddaCheck, change: EddaStatusChange): Promise<void>;
}
export const EddaCheckRepository = Symbol.for('EddaCheckRepository');

export type ReviewOutcome = 'APPLIED' | 'ESB_DA21_FAILED' | 'ESB_TIMEOUT' | 'ESB_UNAVAILABLE';

export interface UpgradeReview {
  readonly memberId: string;
  readonly eddaCheckId: number;
  readonly isPass: boolean;
  readonly outcome: ReviewOutcome;
  readonly esbTransactionId: string | null;
  readonly requestId: string;
  readonly consumer: string;
  readonly reviewedAt: Date;
}

/** The middle platform's own record of video reviews, failed attempts included. */
export interface UpgradeReviewRepository {
  record(review: UpgradeReview): Promise<void>;
  /** Several at once (the failed attempts of one group commit). */
  recordAll(reviews: readonly UpgradeReview[]): Promise<void>;
}
export const UpgradeReviewRepository = Symbol.for('UpgradeReviewRepository');

export interface DigitalLevelChange {
  /** Stable for the EDDA check being decided, so the core can de-duplicate a retry. */
  readonly transactionId: string;
  readonly accountId: string;
  readonly prodName: string;
  readonly level: string;
  /** When the UpgradeAccount call began: the ESB timeout counts from here, so waiting for the database eats into it. */
  readonly requestedAt: Date;
}

/**
 * Changes an account's digital level in the core bank (ESB DA21 AcctInfoMod).
 * Throws AccountLevelGatewayFailed when refused, AccountLevelGatewayTimedOut when no answer came in time,
 * AccountLevelGatewayUnavailable when it does not even try (the ESB keeps failing).
 */
export interface AccountLevelGateway {
  setDigitalLevel(change: DigitalLevelChange): Promise<void>;
}
export const AccountLevelGateway = Symbol.for('AccountLevelGateway');

/** The digital level an approved review upgrades to (config `esb.upgradeLevel`). */
export const UpgradeTargetLevel = Symbol.for('UpgradeTargetLevel');

/** How long a claim on a decision lasts (ms): longer than the DA21 call it covers. */
export const UpgradeClaimMs = Symbol.for('UpgradeClaimMs');

/** UpgradeAccount's own UnitOfWork: the composition root bounds how many it runs at once, so a burst leaves connections to the others. */
export const UpgradeUnitOfWork = Symbol.for('UpgradeUnitOfWork');
