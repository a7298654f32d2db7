import { ContainerModule } from 'inversify';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { KycChangedEndpoint } from './KycChangedEndpoint.js';
import { MoneyPlusEntryEndpoint } from './MoneyPlusEntryEndpoint.js';
import { MoneyPlusSubscriptionEndpoint } from './MoneyPlusSubscriptionEndpoint.js';
import { QueryFieldResultEndpoint } from './QueryFieldResultEndpoint.js';

/** The KYC and Money+ intranet APIs. */
export const kycChangeNotifierHttpModule = new ContainerModule(({ bind }) => {
  bind(JsonEndpoint).to(KycChangedEndpoint).inSingletonScope();
  bind(JsonEndpoint).to(MoneyPlusSubscriptionEndpoint).inSingletonScope();
  bind(JsonEndpoint).to(QueryFieldResultEndpoint).inSingletonScope();
  bind(JsonEndpoint).to(MoneyPlusEntryEndpoint).inSingletonScope();
});
