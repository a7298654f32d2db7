import { ContainerModule } from 'inversify';
import { UnitOfWork } from '../../core/shared/UnitOfWork.js';
import { Database } from './Database.js';
import { FixtureLoader } from './fixtures/FixtureLoader.js';
import { LifecycleHook } from '../lifecycle/LifecycleHook.js';
import { ReplicaProbeHook } from './ReplicaProbeHook.js';
import { SequelizeUnitOfWork } from './SequelizeUnitOfWork.js';

export function persistenceModule(database: Database): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Database).toConstantValue(database);
    bind(UnitOfWork).to(SequelizeUnitOfWork).inSingletonScope();
    bind(FixtureLoader).toSelf().inSingletonScope();
    bind(LifecycleHook).to(ReplicaProbeHook).inSingletonScope();
  });
}
