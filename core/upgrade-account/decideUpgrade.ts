import { decideReview } from './EddaStatus.js';
import { UpgradeInProgress } from './errors.js';
import type { DecisionClaim, EddaCheck } from './ports.js';

/** The ESB TransactionID of the DA21 call that decides this check: the same on every retry. */
export function esbTransactionIdFor(check: Pick<EddaCheck, 'id'>): string {
  return `MPUPG${String(check.id).padStart(12, '0')}`;
}

/** What a call does with a check, decided in the first short transaction (SPEC 3: claim → call → record). */
export type UpgradeStep =
  | { readonly kind: 'already-applied' }
  /** A failed video check: no DA21 call, so the result is recorded at once. */
  | { readonly kind: 'record-failure' }
  /** A pass: claim the decision, call DA21 with no transaction held, then record. */
  | { readonly kind: 'claim'; readonly claim: DecisionClaim };

export function isClaimActive(check: EddaCheck, now: Date): boolean {
  return check.decidingUntil !== null && check.decidingUntil.getTime() > now.getTime();
}

/**
 * The rules of SPEC 3 step 2 plus the claim: a check another call is deciding is off
 * limits until its claim expires; an expired claim (a crash between claim and record) is
 * taken over with the same TransactionID, so the core bank can de-duplicate the retry.
 */
export function decideUpgrade(check: EddaCheck, isPass: boolean, now: Date, claimMs: number): UpgradeStep {
  const review = decideReview(check.status, isPass);
  if (review.kind === 'already-applied') return review;
  if (isClaimActive(check, now)) throw new UpgradeInProgress();
  if (!isPass) return { kind: 'record-failure' };
  return {
    kind: 'claim',
    claim: {
      esbTransactionId: check.esbTransactionId ?? esbTransactionIdFor(check),
      expiresAt: new Date(now.getTime() + claimMs),
    },
  };
}
