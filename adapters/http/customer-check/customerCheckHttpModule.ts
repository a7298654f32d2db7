import { ContainerModule } from 'inversify';
import type { MidplatConfig } from '../../../config/MidplatConfig.js';
import { RouteContribution } from '../JsonEndpoint.js';
import { BillingBodyLimitBytes, CustomerCheckRoute } from './CustomerCheckRoute.js';

export function customerCheckHttpModule(config: MidplatConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(BillingBodyLimitBytes).toConstantValue(config.http.bodyLimitBytes);
    bind(RouteContribution).to(CustomerCheckRoute).inSingletonScope();
  });
}
