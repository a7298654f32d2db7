import { ContainerModule } from 'inversify';
import { KycChangeNotifier } from '../../../core/kyc-change-notifier/KycChangeNotifier.js';
import { MoneyPlusEntry } from '../../../core/kyc-change-notifier/MoneyPlusEntry.js';
import { MoneyPlusSubscription } from '../../../core/kyc-change-notifier/MoneyPlusSubscription.js';
import { QueryFieldResult } from '../../../core/kyc-change-notifier/QueryFieldResult.js';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { KycChangedEndpoint } from './KycChangedEndpoint.js';
import { MoneyPlusEntryEndpoint } from './MoneyPlusEntryEndpoint.js';
import { MoneyPlusSubscriptionEndpoint } from './MoneyPlusSubscriptionEndpoint.js';
import { QueryFieldResultEndpoint } from './QueryFieldResultEndpoint.js';

/** The KYC and Money+ intranet APIs and the use cases they drive. */
export const kycChangeNotifierHttpModule = new ContainerModule(({ bind }) => {
  bind(KycChangeNotifier).toSelf().inSingletonScope();
  bind(MoneyPlusSubscription).toSelf().inSingletonScope();
  bind(QueryFieldResult).toSelf().inSingletonScope();
  bind(MoneyPlusEntry).toSelf().inSingletonScope();
  bind(JsonEndpoint).to(KycChangedEndpoint).inSingletonScope();
  bind(JsonEndpoint).to(MoneyPlusSubscriptionEndpoint).inSingletonScope();
  bind(JsonEndpoint).to(QueryFieldResultEndpoint).inSingletonScope();
  bind(JsonEndpoint).to(MoneyPlusEntryEndpoint).inSingletonScope();
});
