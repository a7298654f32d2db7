import { ContainerModule } from 'inversify';
import { RouteContribution } from '../JsonEndpoint.js';
import { OpsConsoleRoutes } from './OpsConsoleRoutes.js';

/** `GET /ops/`: the page's files come from `staticFolder` (the composition root knows where the sources are). */
export function opsConsolePageModule(staticFolder: string): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(RouteContribution).toConstantValue(new OpsConsoleRoutes(staticFolder));
  });
}
