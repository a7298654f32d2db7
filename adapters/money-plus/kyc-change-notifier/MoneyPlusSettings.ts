/** A Money+ partner the callbacks go to (config `moneyPlus.partners[]`). */
export interface MoneyPlusPartnerConfig {
  readonly bizId: string;
  /** `whsec_` + base64 key, as Standard Webhooks defines it. */
  readonly secret: string;
  readonly callbackUrl: string;
  readonly queryFields: readonly string[];
}

/** What the callback clients need of the `moneyPlus` configuration. */
export interface MoneyPlusSettings {
  /** After this many failed attempts a callback ends FAILED. */
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly partners: readonly MoneyPlusPartnerConfig[];
}
export const MoneyPlusSettings = Symbol.for('MoneyPlusSettings');
