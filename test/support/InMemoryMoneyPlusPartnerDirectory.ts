import type { MoneyPlusPartner, MoneyPlusPartnerDirectory } from '../../core/kyc-change-notifier/ports.js';

export class InMemoryMoneyPlusPartnerDirectory implements MoneyPlusPartnerDirectory {
  constructor(private readonly partners: readonly MoneyPlusPartner[]) {}

  find(bizId: string): MoneyPlusPartner | null {
    return this.partners.find((partner) => partner.bizId === bizId) ?? null;
  }
}
