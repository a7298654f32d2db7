import type Router from '@koa/router';
import { inject, injectable } from 'inversify';
import type { RouteContribution } from './JsonEndpoint.js';
import type { OpenApiObject } from './OpenApiDocument.js';

/** Builds the document from what is bound; called after the container is complete. */
export type OpenApiDocumentSource = () => OpenApiObject;
export const OpenApiDocumentSource = Symbol.for('OpenApiDocumentSource');

/** `GET /openapi.json`: the document of every bound endpoint and route, built once. */
@injectable()
export class OpenApiRoutes implements RouteContribution {
  private document: string | undefined;

  constructor(@inject(OpenApiDocumentSource) private readonly source: OpenApiDocumentSource) {}

  register(router: Router): void {
    router.get('/openapi.json', (ctx) => {
      this.document ??= JSON.stringify(this.source());
      ctx.type = 'application/json';
      ctx.body = this.document;
    });
  }

  openApiPaths(): Record<string, object> {
    return {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This OpenAPI 3.1 document',
          tags: ['operations'],
          responses: {
            '200': {
              description: 'The document',
              headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['openapi', 'info', 'paths'],
                    properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } },
                  },
                },
              },
            },
          },
        },
      },
    };
  }
}
