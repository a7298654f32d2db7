import { ContainerModule } from 'inversify';
import { BillingRefusalObserver } from '../http/customer-check/BillingRefusalObserver.js';
import type { CircuitState } from '../esb/CircuitBreaker.js';
import { Da21CircuitBreaker } from '../esb/upgrade-account/Da21CircuitBreaker.js';
import { HttpRequestObserver } from '../http/HttpRequestObserver.js';
import { RouteContribution } from '../http/JsonEndpoint.js';
import { CustomerCheckRefusalMetrics } from './CustomerCheckRefusalMetrics.js';
import { EsbMetrics } from './EsbMetrics.js';
import { HttpMetrics } from './HttpMetrics.js';
import { MetricsRoutes } from './MetricsRoutes.js';

const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * `/metrics`, HTTP latency per route, billing ESECURE refusals per institution, the ESB metrics
 * (the composition root measures whichever DA21 gateway it chose with them) and the DA21
 * circuit breaker's state, when the HTTP gateway has one.
 */
export const metricsModule = new ContainerModule(({ bind, onActivation }) => {
  bind(EsbMetrics).toSelf().inSingletonScope();
  bind(HttpRequestObserver).to(HttpMetrics).inSingletonScope();
  bind(BillingRefusalObserver).to(CustomerCheckRefusalMetrics).inSingletonScope();
  bind(RouteContribution).to(MetricsRoutes).inSingletonScope();
  onActivation<Da21CircuitBreaker>(Da21CircuitBreaker, (context, breaker) => {
    const metrics = context.get(EsbMetrics);
    metrics.circuitState.set({ transaction: 'DA21' }, CIRCUIT_STATE_VALUE[breaker.state]);
    breaker.onTransition((_from, to) => {
      metrics.circuitState.set({ transaction: 'DA21' }, CIRCUIT_STATE_VALUE[to]);
      metrics.circuitTransitions.inc({ transaction: 'DA21', to });
    });
    return breaker;
  });
});
