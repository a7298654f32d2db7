import { ContainerModule } from 'inversify';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { UpgradeAccountEndpoint } from './UpgradeAccountEndpoint.js';

export const upgradeAccountHttpModule = new ContainerModule(({ bind }) => {
  bind(JsonEndpoint).to(UpgradeAccountEndpoint).inSingletonScope();
});
