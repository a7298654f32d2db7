import { ContainerModule } from 'inversify';
import { OutboxConsoleStore } from '../../../core/ops-console/ports.js';
import { Outbox } from '../../../core/shared/Outbox.js';
import { OutboxStore } from '../../../core/shared/OutboxStore.js';
import { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { FixtureSection } from '../fixtures/FixtureSection.js';
import { OutboxMessagesFixtureSection } from './OutboxMessagesFixtureSection.js';
import { SequelizeOutbox } from './SequelizeOutbox.js';
import { SequelizeOutboxConsoleStore } from './SequelizeOutboxConsoleStore.js';
import { SequelizeOutboxOperatorQueries } from './SequelizeOutboxOperatorQueries.js';
import { SequelizeOutboxRetention } from './SequelizeOutboxRetention.js';
import { SequelizeOutboxStore } from './SequelizeOutboxStore.js';

export const outboxPersistenceModule = new ContainerModule(({ bind }) => {
  bind(SequelizeOutboxStore).toSelf().inSingletonScope();
  bind(OutboxStore).toService(SequelizeOutboxStore);
  bind(SequelizeOutboxOperatorQueries).toSelf().inSingletonScope();
  bind(Outbox).to(SequelizeOutbox).inSingletonScope();
  bind(OutboxConsoleStore).to(SequelizeOutboxConsoleStore).inSingletonScope();
  bind(FixtureSection).to(OutboxMessagesFixtureSection).inSingletonScope();
  bind(RetentionPurger).to(SequelizeOutboxRetention).inSingletonScope();
});
