import { ContainerModule } from 'inversify';
import { Clock } from '../../core/shared/Clock.js';
import { Logger } from '../logging/Logger.js';
import type { AuthenticatorOptions } from './AccessTokenAuthenticator.js';
import type { ExpiredTokenObserver } from './ExpiredTokenObserver.js';
import { HealthRoutes } from './HealthRoutes.js';
import { RouteContribution } from './JsonEndpoint.js';
import type { HttpSettings } from './HttpSettings.js';
import { SIGN_IN_THROTTLE_LIMITS, SignInThrottle, SignInThrottleLimits } from './SignInThrottle.js';

/**
 * What the authenticator is told besides its consumers: the clock, and on an expired token a
 * log line (which consumer, never the token) and the observers (the metric).
 */
export function authenticatorOptions(clock: Clock, logger: Logger, observers: readonly ExpiredTokenObserver[]): AuthenticatorOptions {
  return {
    now: () => clock.now(),
    expired: {
      expired: (consumer) => {
        logger.warn({ consumer }, 'access token expired (past its notAfter); refused like an unknown one');
        for (const observer of observers) observer.expired(consumer);
      },
    },
  };
}

/**
 * The health routes (their ReadinessCheck comes from the composition root; the authenticator with the
 * reloadable credentials) and the throttle of failed sign-ins.
 */
export function httpModule(http: HttpSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(RouteContribution).to(HealthRoutes).inSingletonScope();
    bind(SignInThrottleLimits).toConstantValue({ ...SIGN_IN_THROTTLE_LIMITS, freeFailures: http.signInFreeFailures });
    bind(SignInThrottle).toSelf().inSingletonScope();
  });
}
