import { ContainerModule } from 'inversify';
import { BillingCustomerRepository } from '../../../core/customer-check/ports.js';
import { FixtureSection } from '../fixtures/FixtureSection.js';
import { BillingCustomersFixtureSection } from './BillingCustomersFixtureSection.js';
import { SequelizeBillingCustomerRepository } from './SequelizeBillingCustomerRepository.js';

export const customerCheckPersistenceModule = new ContainerModule(({ bind }) => {
  bind(BillingCustomerRepository).to(SequelizeBillingCustomerRepository).inSingletonScope();
  bind(FixtureSection).to(BillingCustomersFixtureSection).inSingletonScope();
});
