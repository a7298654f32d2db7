import { ContainerModule } from 'inversify';
import { Clock } from '../../../core/shared/Clock.js';
import { Logger } from '../../logging/Logger.js';
import { CircuitBreaker } from '../CircuitBreaker.js';
import { EsbSettings } from '../EsbSettings.js';
import { CircuitBreakingAccountLevelGateway } from './CircuitBreakingAccountLevelGateway.js';
import { Da21CircuitBreaker } from './Da21CircuitBreaker.js';
import { Da21CircuitObserver } from './Da21CircuitObserver.js';
import { HttpDa21Gateway } from './HttpDa21Gateway.js';

/**
 * `esb.adapter: "http"`: DA21 goes to the real ESB, behind a circuit breaker (`esb.circuitBreaker`).
 * Binds the gateway as CircuitBreakingAccountLevelGateway; the composition root fills the port with it.
 */
export function httpDa21GatewayModule(settings: EsbSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(EsbSettings).toConstantValue(settings);
    bind(HttpDa21Gateway).toSelf().inSingletonScope();
    bind(Da21CircuitBreaker)
      .toDynamicValue((context) => {
        const breaker = new CircuitBreaker(settings.circuitBreaker, context.get<Clock>(Clock));
        const logger = context.get<Logger>(Logger);
        const observers = context.getAll<Da21CircuitObserver>(Da21CircuitObserver, { optional: true });
        for (const observer of observers) observer.circuitChanged(breaker.state, undefined);
        breaker.onTransition((from, to) => {
          const line = { msg: 'esb circuit breaker state changed', transaction: 'DA21', from, to };
          if (to === 'open') logger.warn(line);
          else logger.info(line);
          for (const observer of observers) observer.circuitChanged(to, from);
        });
        return breaker;
      })
      .inSingletonScope();
    bind(CircuitBreakingAccountLevelGateway)
      .toDynamicValue((context) => new CircuitBreakingAccountLevelGateway(context.get(HttpDa21Gateway), context.get(Da21CircuitBreaker)))
      .inSingletonScope();
  });
}
