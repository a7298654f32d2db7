import { EddaNotVerified, UpgradeAlreadyDecided } from './errors.js';

/** States of a member's EDDA check (新光立碼驗 / VA check, then the video call). */
export const EDDA_STATUSES = [
  'New',
  'EDDASuccess',
  'EDDAExpired',
  'EDDAFailure',
  'CustomerSuccess',
  'CustomerFailure',
] as const;
export type EddaStatus = (typeof EDDA_STATUSES)[number];

export function isEddaStatus(value: string): value is EddaStatus {
  return (EDDA_STATUSES as readonly string[]).includes(value);
}

/** What a video review result does to a check in a given state. */
export type ReviewDecision =
  | { readonly kind: 'apply'; readonly nextStatus: 'CustomerSuccess' | 'CustomerFailure' }
  | { readonly kind: 'already-applied' };

/**
 * The rules of SPEC 3 step 2: only a verified check can be decided; the same result
 * again is a harmless repeat; the opposite result after a final one is a conflict.
 */
export function decideReview(current: EddaStatus, isPass: boolean): ReviewDecision {
  const finalStatus = isPass ? 'CustomerSuccess' : 'CustomerFailure';
  switch (current) {
    case 'EDDASuccess':
      return { kind: 'apply', nextStatus: finalStatus };
    case 'CustomerSuccess':
    case 'CustomerFailure':
      if (current === finalStatus) return { kind: 'already-applied' };
      throw new UpgradeAlreadyDecided(current);
    case 'New':
    case 'EDDAExpired':
    case 'EDDAFailure':
      throw new EddaNotVerified(current);
  }
}
