import { ContainerModule } from 'inversify';
import { MoneyPlusPartnerDirectory } from '../../../core/kyc-change-notifier/ports.js';
import { ConfiguredMoneyPlusPartners } from './ConfiguredMoneyPlusPartners.js';
import { MoneyPlusSettings } from './MoneyPlusSettings.js';

/** The configured partners, whichever adapter delivers their callbacks. */
export function moneyPlusModule(settings: MoneyPlusSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(MoneyPlusSettings).toConstantValue(settings);
    bind(ConfiguredMoneyPlusPartners).toSelf().inSingletonScope();
    bind(MoneyPlusPartnerDirectory).toService(ConfiguredMoneyPlusPartners);
  });
}
