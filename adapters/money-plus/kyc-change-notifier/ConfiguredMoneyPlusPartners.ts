import { inject, injectable } from 'inversify';
import type { MoneyPlusPartner, MoneyPlusPartnerDirectory } from '../../../core/kyc-change-notifier/ports.js';
import { QUERYABLE_FIELDS } from '../../../core/kyc-change-notifier/QueryFieldResult.js';
import type { MoneyPlusPartnerEndpoints } from './MoneyPlusPartnerEndpoints.js';
import { MoneyPlusSettings, type MoneyPlusPartnerConfig } from './MoneyPlusSettings.js';

/**
 * `moneyPlus.partners` from the configuration. A query field no callback knows, or a
 * bizId configured twice, stops the start-up with the key named.
 */
@injectable()
export class ConfiguredMoneyPlusPartners implements MoneyPlusPartnerDirectory, MoneyPlusPartnerEndpoints {
  private readonly partners = new Map<string, MoneyPlusPartnerConfig>();

  constructor(@inject(MoneyPlusSettings) settings: MoneyPlusSettings) {
    settings.partners.forEach((partner, index) => {
      if (this.partners.has(partner.bizId)) throw new Error(`moneyPlus.partners.${index}.bizId: "${partner.bizId}" is configured twice`);
      const unknown = partner.queryFields.filter((field) => !QUERYABLE_FIELDS.includes(field));
      if (unknown.length > 0) {
        throw new Error(`moneyPlus.partners.${index}.queryFields: unknown field ${unknown.join(', ')} (known: ${QUERYABLE_FIELDS.join(', ')})`);
      }
      this.partners.set(partner.bizId, partner);
    });
  }

  find(bizId: string): MoneyPlusPartner | null {
    const partner = this.partners.get(bizId);
    return partner ? { bizId: partner.bizId, queryFields: partner.queryFields } : null;
  }

  /** The partner with its callback URL and signing secret (for the callback clients only). */
  endpointOf(bizId: string): MoneyPlusPartnerConfig | null {
    return this.partners.get(bizId) ?? null;
  }
}
