import type { MoneyPlusPartnerConfig } from './MoneyPlusSettings.js';

/** Where a partner's callbacks go and how they are signed (for the callback clients only). */
export interface MoneyPlusPartnerEndpoints {
  endpointOf(bizId: string): MoneyPlusPartnerConfig | null;
}
export const MoneyPlusPartnerEndpoints = Symbol.for('MoneyPlusPartnerEndpoints');
