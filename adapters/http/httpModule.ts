import { ContainerModule } from 'inversify';
import { AccessTokenAuthenticator } from './AccessTokenAuthenticator.js';
import type { AuthSettings } from './AuthSettings.js';
import { HealthRoutes } from './HealthRoutes.js';
import { RouteContribution } from './JsonEndpoint.js';
import { SignInThrottle } from './SignInThrottle.js';

/** The intranet consumers' authenticator, its throttle of failed sign-ins, and the health routes (their ReadinessCheck comes from the composition root). */
export function httpModule(auth: AuthSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(AccessTokenAuthenticator).toConstantValue(new AccessTokenAuthenticator(auth.consumers));
    bind(RouteContribution).to(HealthRoutes).inSingletonScope();
    bind(SignInThrottle).toSelf().inSingletonScope();
  });
}
