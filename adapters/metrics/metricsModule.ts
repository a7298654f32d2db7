import { ContainerModule } from 'inversify';
import { AccountLevelGateway } from '../../core/upgrade-account/ports.js';
import { BillingRefusalObserver } from '../http/billing/BillingRefusalObserver.js';
import { HttpRequestObserver } from '../http/HttpRequestObserver.js';
import { RouteContribution } from '../http/JsonEndpoint.js';
import { BillingRefusalMetrics } from './BillingRefusalMetrics.js';
import { EsbMetrics } from './EsbMetrics.js';
import { HttpMetrics } from './HttpMetrics.js';
import { MeasuredAccountLevelGateway } from './MeasuredAccountLevelGateway.js';
import { MetricsRoutes } from './MetricsRoutes.js';

/** `/metrics`, HTTP latency per route, billing ESECURE refusals per institution, and ESB latency around whichever DA21 adapter is bound. */
export const metricsModule = new ContainerModule(({ bind, onActivation }) => {
  bind(EsbMetrics).toSelf().inSingletonScope();
  bind(HttpRequestObserver).to(HttpMetrics).inSingletonScope();
  bind(BillingRefusalObserver).to(BillingRefusalMetrics).inSingletonScope();
  bind(RouteContribution).to(MetricsRoutes).inSingletonScope();
  onActivation<AccountLevelGateway>(AccountLevelGateway, (context, gateway) => new MeasuredAccountLevelGateway(gateway, context.get(EsbMetrics)));
});
