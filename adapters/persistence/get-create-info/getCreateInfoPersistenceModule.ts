import { ContainerModule } from 'inversify';
import { ApplicationRepository } from '../../../core/get-create-info/ports.js';
import { FixtureSection } from '../fixtures/FixtureSection.js';
import { ApplicationsFixtureSection } from './ApplicationsFixtureSection.js';
import { SequelizeApplicationRepository } from './SequelizeApplicationRepository.js';

export const getCreateInfoPersistenceModule = new ContainerModule(({ bind }) => {
  bind(ApplicationRepository).to(SequelizeApplicationRepository).inSingletonScope();
  bind(FixtureSection).to(ApplicationsFixtureSection).inSingletonScope();
});
