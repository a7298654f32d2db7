import { ContainerModule } from 'inversify';
import { OutboxConsoleStore } from '../../../core/ops-console/ports.js';
import { Outbox } from '../../../core/shared/Outbox.js';
import { OutboxStore } from '../../../core/shared/OutboxStore.js';
import { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { FixtureSection } from '../fixtures/FixtureSection.js';
import { OutboxClaimSettingToken, outboxClaimSetting } from './OutboxClaimMode.js';
import { OutboxMessagesFixtureSection } from './OutboxMessagesFixtureSection.js';
import { SequelizeOutbox } from './SequelizeOutbox.js';
import { SequelizeOutboxConsoleStore } from './SequelizeOutboxConsoleStore.js';
import { SequelizeOutboxOperatorQueries } from './SequelizeOutboxOperatorQueries.js';
import { SequelizeOutboxRetention } from './SequelizeOutboxRetention.js';
import { SequelizeOutboxStore } from './SequelizeOutboxStore.js';

/** The outbox's tables; `claim` is `outbox.claim` (an unknown value stops the start here, naming the key). */
export function outboxPersistenceModule(claim: string): ContainerModule {
  const setting = outboxClaimSetting(claim);
  return new ContainerModule(({ bind }) => {
    bind(OutboxClaimSettingToken).toConstantValue(setting);
    bind(SequelizeOutboxStore).toSelf().inSingletonScope();
    bind(OutboxStore).toService(SequelizeOutboxStore);
    bind(SequelizeOutboxOperatorQueries).toSelf().inSingletonScope();
    bind(Outbox).to(SequelizeOutbox).inSingletonScope();
    bind(OutboxConsoleStore).to(SequelizeOutboxConsoleStore).inSingletonScope();
    bind(FixtureSection).to(OutboxMessagesFixtureSection).inSingletonScope();
    bind(RetentionPurger).to(SequelizeOutboxRetention).inSingletonScope();
  });
}
