import type { MoneyPlusPartner, MoneyPlusPartnerDirectory } from '../../../core/kyc-change-notifier/ports.js';
import type { ConfiguredMoneyPlusPartners } from './ConfiguredMoneyPlusPartners.js';
import type { MoneyPlusPartnerEndpoints } from './MoneyPlusPartnerEndpoints.js';
import type { MoneyPlusPartnerConfig } from './MoneyPlusSettings.js';

/** The partners of the configuration in force (reload swaps them); each call asks which those are. */
export class CurrentMoneyPlusPartners implements MoneyPlusPartnerDirectory, MoneyPlusPartnerEndpoints {
  constructor(private readonly current: () => ConfiguredMoneyPlusPartners) {}

  find(bizId: string): MoneyPlusPartner | null {
    return this.current().find(bizId);
  }

  endpointOf(bizId: string): MoneyPlusPartnerConfig | null {
    return this.current().endpointOf(bizId);
  }
}
