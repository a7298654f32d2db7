import { ContainerModule } from 'inversify';
import { MoneyPlusSettings } from './MoneyPlusSettings.js';

/** The callback clients' settings, whichever adapter delivers them (the partners come with the reloadable credentials). */
export function moneyPlusModule(settings: MoneyPlusSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(MoneyPlusSettings).toConstantValue(settings);
  });
}
