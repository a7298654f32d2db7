import { ContainerModule } from 'inversify';
import { JsonEndpoint, RouteContribution } from './JsonEndpoint.js';
import { buildOpenApiDocument } from './OpenApiDocument.js';
import { OpenApiDocumentSource, OpenApiRoutes } from './OpenApiRoutes.js';

/** `/openapi.json`, documenting whatever JsonEndpoints and RouteContributions are bound; `version` is the package's. */
export function openApiModule(version: string): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(OpenApiDocumentSource).toDynamicValue((context) => () =>
      buildOpenApiDocument({
        endpoints: context.getAll(JsonEndpoint, { optional: true }),
        routes: context.getAll(RouteContribution, { optional: true }),
        version,
      }),
    );
    bind(RouteContribution).to(OpenApiRoutes).inSingletonScope();
  });
}
