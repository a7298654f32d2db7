import { ContainerModule } from 'inversify';
import { RouteContribution } from '../JsonEndpoint.js';
import { BillingBodyLimitBytes, CustomerCheckRoute } from './CustomerCheckRoute.js';

export function customerCheckHttpModule(bodyLimitBytes: number): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(BillingBodyLimitBytes).toConstantValue(bodyLimitBytes);
    bind(RouteContribution).to(CustomerCheckRoute).inSingletonScope();
  });
}
