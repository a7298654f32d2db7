import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContainerModule } from 'inversify';
import { projectRoot } from '../../config/projectRoot.js';
import { JsonEndpoint, RouteContribution } from './JsonEndpoint.js';
import { buildOpenApiDocument } from './OpenApiDocument.js';
import { OpenApiDocumentSource, OpenApiRoutes } from './OpenApiRoutes.js';

const packageVersion = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** `/openapi.json`, documenting whatever JsonEndpoints and RouteContributions are bound. */
export const openApiModule = new ContainerModule(({ bind }) => {
  bind(OpenApiDocumentSource).toDynamicValue((context) => () =>
    buildOpenApiDocument({
      endpoints: context.getAll(JsonEndpoint, { optional: true }),
      routes: context.getAll(RouteContribution, { optional: true }),
      version: packageVersion,
    }),
  );
  bind(RouteContribution).to(OpenApiRoutes).inSingletonScope();
});
