/** A Money+ partner the callbacks go to (config `moneyPlus.partners[]`). */
export interface MoneyPlusPartnerConfig {
  readonly bizId: string;
  /** `whsec_` + base64 key, as Standard Webhooks defines it. The single-key form of `secrets`. */
  readonly secret?: string;
  /** Several keys during a rotation, newest first: each callback is signed with every one (SPEC 2.2.2). */
  readonly secrets?: readonly string[];
  readonly callbackUrl: string;
  readonly queryFields: readonly string[];
}

/** The partner's signing secrets, newest first, whichever form the configuration used. */
export function secretsOf(partner: MoneyPlusPartnerConfig): readonly string[] {
  return partner.secrets ?? (partner.secret === undefined ? [] : [partner.secret]);
}

/** What the callback clients need of the `moneyPlus` configuration. */
export interface MoneyPlusSettings {
  /** After this many failed attempts a callback ends FAILED. */
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly partners: readonly MoneyPlusPartnerConfig[];
}
export const MoneyPlusSettings = Symbol.for('MoneyPlusSettings');
