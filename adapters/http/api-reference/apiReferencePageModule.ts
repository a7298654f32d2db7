import { ContainerModule } from 'inversify';
import { RouteContribution } from '../JsonEndpoint.js';
import { ApiReferenceRoutes } from './ApiReferenceRoutes.js';

/** `GET /docs/`: the page's own files from `pageFolder`, the viewer's from `viewerFolder` (the composition root knows both). */
export function apiReferencePageModule(pageFolder: string, viewerFolder: string): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(RouteContribution).toConstantValue(new ApiReferenceRoutes(pageFolder, viewerFolder));
  });
}
