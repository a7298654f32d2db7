import type Router from '@koa/router';
import type { RouteContribution } from '../JsonEndpoint.js';
import { StaticPageFiles } from '../StaticPageFiles.js';

/** What the page takes from swagger-ui-dist: the viewer's bundle and stylesheet, nothing else. */
const VIEWER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;

/**
 * `GET /docs/`: `/openapi.json` rendered for people by Swagger UI, whose files come from
 * `viewerFolder` (swagger-ui-dist in node_modules) and the page's own from `pageFolder`,
 * all read at start and served under the same strict policy as the operations console.
 */
export class ApiReferenceRoutes implements RouteContribution {
  private readonly files: StaticPageFiles;

  constructor(pageFolder: string, viewerFolder: string) {
    this.files = StaticPageFiles.fromFolder(pageFolder).add(viewerFolder, VIEWER_FILES);
    if (!this.files.has('index.html')) throw new Error(`api reference: no index.html in ${pageFolder}`);
  }

  register(router: Router): void {
    // Matches `/docs` and `/docs/`; the page's relative paths need the slash.
    router.get('/docs', (ctx) => {
      if (ctx.path.endsWith('/')) return this.files.serve(ctx, 'index.html');
      ctx.status = 301;
      ctx.redirect('/docs/');
    });
    router.get('/docs/:file', (ctx) => this.files.serve(ctx, ctx.params.file ?? ''));
  }

  openApiPaths(): Record<string, object> {
    const requestId = { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } };
    const headers = {
      ...requestId,
      'Content-Security-Policy': { description: 'Same-origin scripts, styles and requests only; no inline script or style', schema: { type: 'string' } },
      ETag: { description: 'Content hash; send it back as If-None-Match', schema: { type: 'string' } },
    };
    const notModified = { description: 'Unchanged since the ETag sent in If-None-Match', headers: requestId };
    return {
      '/docs': {
        get: {
          operationId: 'getApiReference',
          summary: 'The API reference (web page rendering this document)',
          description: '`/docs/` answers the page; `/docs` redirects there. The page reads `/openapi.json` and nothing from another origin.',
          tags: ['operations'],
          responses: {
            '200': { description: 'The page (at `/docs/`)', headers, content: { 'text/html': { schema: { type: 'string' } } } },
            '301': { description: 'From `/docs` to `/docs/`', headers: { ...requestId, Location: { schema: { type: 'string' } } } },
            '304': notModified,
          },
        },
      },
      '/docs/{file}': {
        get: {
          operationId: 'getApiReferenceFile',
          summary: "A file of the API reference page (the viewer's script and stylesheet)",
          tags: ['operations'],
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: this.files.names() }, example: 'apiReference.js' }],
          responses: {
            '200': { description: 'The file', headers, content: Object.fromEntries(this.files.mediaTypes().map((type) => [type, { schema: { type: 'string' } }])) },
            '304': notModified,
            '404': { description: 'Not a file of the page', headers: requestId, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelopeCamelCase' } } } },
          },
        },
      },
    };
  }
}
