import { expect } from 'chai';
import { ConfiguredMoneyPlusPartners } from '../../../adapters/money-plus/kyc-change-notifier/ConfiguredMoneyPlusPartners.js';
import type { MoneyPlusPartnerConfig, MoneyPlusSettings } from '../../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import { loadConfig } from '../../../config/loadConfig.js';

const partner = (overrides: Partial<MoneyPlusPartnerConfig> = {}): MoneyPlusPartnerConfig => ({
  bizId: 'MPLUS',
  secret: 'whsec_c2VjcmV0',
  callbackUrl: 'http://127.0.0.1:9200/cb',
  queryFields: ['name', 'ic_type'],
  ...overrides,
});
const settings = (partners: MoneyPlusPartnerConfig[]): MoneyPlusSettings => ({ maxAttempts: 8, timeoutMs: 5000, partners });

function startUpError(partners: MoneyPlusPartnerConfig[]): string {
  try {
    new ConfiguredMoneyPlusPartners(settings(partners));
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('ConfiguredMoneyPlusPartners', () => {
  it('finds a configured partner with its query fields, and nothing for an unknown bizId', () => {
    const partners = new ConfiguredMoneyPlusPartners(settings([partner()]));
    expect(partners.find('MPLUS')).to.deep.equal({ bizId: 'MPLUS', queryFields: ['name', 'ic_type'] });
    expect(partners.find('NOPE')).to.equal(null);
  });

  it('stops the start-up on a query field no callback knows, naming the key', () => {
    expect(startUpError([partner({ queryFields: ['name', 'nickname'] })])).to.match(/^moneyPlus\.partners\.0\.queryFields: unknown field nickname/);
  });

  it('stops the start-up on a bizId configured twice', () => {
    expect(startUpError([partner(), partner()])).to.match(/^moneyPlus\.partners\.1\.bizId/);
  });

  it('refuses an unknown moneyPlus.adapter at configuration time', () => {
    expect(() => loadConfig({}, { moneyPlus: { adapter: 'carrier-pigeon' } })).to.throw(/moneyPlus\.adapter/);
  });
});
