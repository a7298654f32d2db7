import { ContainerModule } from 'inversify';
import { MemberConsoleReader } from '../../../core/ops-console/ports.js';
import { EddaCheckRepository, MemberRepository, UpgradeReviewRepository } from '../../../core/upgrade-account/ports.js';
import { FixtureSection } from '../fixtures/FixtureSection.js';
import { MembersFixtureSection } from './MembersFixtureSection.js';
import { SequelizeEddaCheckRepository } from './SequelizeEddaCheckRepository.js';
import { SequelizeMemberConsoleReader } from './SequelizeMemberConsoleReader.js';
import { SequelizeMemberRepository } from './SequelizeMemberRepository.js';
import { SequelizeUpgradeReviewRepository } from './SequelizeUpgradeReviewRepository.js';

export const upgradeAccountPersistenceModule = new ContainerModule(({ bind }) => {
  bind(MemberRepository).to(SequelizeMemberRepository).inSingletonScope();
  bind(EddaCheckRepository).to(SequelizeEddaCheckRepository).inSingletonScope();
  bind(UpgradeReviewRepository).to(SequelizeUpgradeReviewRepository).inSingletonScope();
  bind(MemberConsoleReader).to(SequelizeMemberConsoleReader).inSingletonScope();
  bind(FixtureSection).to(MembersFixtureSection).inSingletonScope();
});
