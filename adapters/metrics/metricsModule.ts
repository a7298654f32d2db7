import { ContainerModule } from 'inversify';
import { AccountLevelGateway } from '../../core/upgrade-account/ports.js';
import { HttpRequestObserver } from '../http/HttpRequestObserver.js';
import { RouteContribution } from '../http/JsonEndpoint.js';
import { EsbMetrics } from './EsbMetrics.js';
import { HttpMetrics } from './HttpMetrics.js';
import { MeasuredAccountLevelGateway } from './MeasuredAccountLevelGateway.js';
import { MetricsRoutes } from './MetricsRoutes.js';

/** `/metrics`, HTTP latency per route, and ESB latency around whichever DA21 adapter is bound. */
export const metricsModule = new ContainerModule(({ bind, onActivation }) => {
  bind(EsbMetrics).toSelf().inSingletonScope();
  bind(HttpRequestObserver).to(HttpMetrics).inSingletonScope();
  bind(RouteContribution).to(MetricsRoutes).inSingletonScope();
  onActivation<AccountLevelGateway>(AccountLevelGateway, (context, gateway) => new MeasuredAccountLevelGateway(gateway, context.get(EsbMetrics)));
});
