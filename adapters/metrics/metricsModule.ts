import { ContainerModule } from 'inversify';
import { BillingRefusalObserver } from '../http/customer-check/BillingRefusalObserver.js';
import { Da21CircuitObserver } from '../esb/upgrade-account/Da21CircuitObserver.js';
import { ExpiredTokenObserver } from '../http/ExpiredTokenObserver.js';
import { HttpRequestObserver } from '../http/HttpRequestObserver.js';
import { RouteContribution } from '../http/JsonEndpoint.js';
import { SignInObserver } from '../http/SignInObserver.js';
import { ConfigReloadMetrics } from './ConfigReloadMetrics.js';
import { CustomerCheckRefusalMetrics } from './CustomerCheckRefusalMetrics.js';
import { Da21CircuitMetrics } from './Da21CircuitMetrics.js';
import { EsbMetrics } from './EsbMetrics.js';
import { ExpiredTokenMetrics } from './ExpiredTokenMetrics.js';
import { HttpMetrics } from './HttpMetrics.js';
import { MetricsRoutes } from './MetricsRoutes.js';
import { ReplicaReadsObserver } from '../persistence/ReplicaReadsObserver.js';
import { ReplicaReadMetrics } from './ReplicaReadMetrics.js';
import { SignInMetrics } from './SignInMetrics.js';

/**
 * `/metrics`, HTTP latency per route, refused sign-ins, billing ESECURE refusals per institution, the ESB metrics
 * (the composition root measures whichever DA21 gateway it chose with them) and the DA21
 * circuit breaker's state, when the HTTP gateway has one; access tokens refused as expired; configuration reloads;
 * reads that a read replica could not serve.
 */
export const metricsModule = new ContainerModule(({ bind }) => {
  bind(EsbMetrics).toSelf().inSingletonScope();
  bind(ConfigReloadMetrics).toSelf().inSingletonScope();
  bind(HttpRequestObserver).to(HttpMetrics).inSingletonScope();
  bind(BillingRefusalObserver).to(CustomerCheckRefusalMetrics).inSingletonScope();
  bind(RouteContribution).to(MetricsRoutes).inSingletonScope();
  bind(Da21CircuitObserver).to(Da21CircuitMetrics).inSingletonScope();
  bind(SignInObserver).to(SignInMetrics).inSingletonScope();
  bind(ExpiredTokenObserver).to(ExpiredTokenMetrics).inSingletonScope();
  bind(ReplicaReadsObserver).to(ReplicaReadMetrics).inSingletonScope();
});
