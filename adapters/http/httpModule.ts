import { ContainerModule } from 'inversify';
import type { MidplatConfig } from '../../config/MidplatConfig.js';
import { AccessTokenAuthenticator } from './AccessTokenAuthenticator.js';
import { HealthRoutes } from './HealthRoutes.js';
import { RouteContribution } from './JsonEndpoint.js';

export function httpModule(config: MidplatConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(AccessTokenAuthenticator).toConstantValue(new AccessTokenAuthenticator(config.auth.consumers));
    bind(RouteContribution).to(HealthRoutes).inSingletonScope();
  });
}
