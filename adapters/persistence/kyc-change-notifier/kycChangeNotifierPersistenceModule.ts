import { ContainerModule } from 'inversify';
import {
  KycHistoryRepository,
  KycProfileRepository,
  MoneyPlusSubscriptionRepository,
  ProcessedKycEventRepository,
} from '../../../core/kyc-change-notifier/ports.js';
import { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { FixtureSection } from '../fixtures/FixtureSection.js';
import { KycProfilesFixtureSection } from './KycProfilesFixtureSection.js';
import { MoneyPlusSubscriptionsFixtureSection } from './MoneyPlusSubscriptionsFixtureSection.js';
import { SequelizeKycHistoryRepository } from './SequelizeKycHistoryRepository.js';
import { SequelizeKycProfileRepository } from './SequelizeKycProfileRepository.js';
import { SequelizeMoneyPlusSubscriptionRepository } from './SequelizeMoneyPlusSubscriptionRepository.js';
import { SequelizeProcessedKycEventRepository } from './SequelizeProcessedKycEventRepository.js';
import { SequelizeProcessedKycEventRetention } from './SequelizeProcessedKycEventRetention.js';

export const kycChangeNotifierPersistenceModule = new ContainerModule(({ bind }) => {
  bind(KycProfileRepository).to(SequelizeKycProfileRepository).inSingletonScope();
  bind(KycHistoryRepository).to(SequelizeKycHistoryRepository).inSingletonScope();
  bind(ProcessedKycEventRepository).to(SequelizeProcessedKycEventRepository).inSingletonScope();
  bind(MoneyPlusSubscriptionRepository).to(SequelizeMoneyPlusSubscriptionRepository).inSingletonScope();
  bind(FixtureSection).to(KycProfilesFixtureSection).inSingletonScope();
  bind(FixtureSection).to(MoneyPlusSubscriptionsFixtureSection).inSingletonScope();
  bind(RetentionPurger).to(SequelizeProcessedKycEventRetention).inSingletonScope();
});
