import { ContainerModule } from 'inversify';
import { Outbox } from '../../../core/shared/Outbox.js';
import { SequelizeOutbox } from './SequelizeOutbox.js';
import { SequelizeOutboxStore } from './SequelizeOutboxStore.js';

export const outboxPersistenceModule = new ContainerModule(({ bind }) => {
  bind(SequelizeOutboxStore).toSelf().inSingletonScope();
  bind(Outbox).to(SequelizeOutbox).inSingletonScope();
});
