import type Router from '@koa/router';
import type { RouteContribution } from '../JsonEndpoint.js';
import { StaticPageFiles } from '../StaticPageFiles.js';

/**
 * `GET /ops/`: the operations console (SPEC 8.1), plain ES modules from `folder`. Nothing
 * is built or fetched at run time; the page talks to `/ops/api/...` with its `Acstkn` header.
 */
export class OpsConsoleRoutes implements RouteContribution {
  private readonly files: StaticPageFiles;

  constructor(folder: string) {
    this.files = StaticPageFiles.fromFolder(folder);
    if (!this.files.has('index.html')) throw new Error(`ops console: no index.html in ${folder}`);
  }

  register(router: Router): void {
    // Matches `/ops` and `/ops/`; the page's relative module paths need the slash.
    router.get('/ops', (ctx) => {
      if (ctx.path.endsWith('/')) return this.files.serve(ctx, 'index.html');
      ctx.status = 301;
      ctx.redirect('/ops/');
    });
    router.get('/ops/:file', (ctx) => this.files.serve(ctx, ctx.params.file ?? ''));
  }

  openApiPaths(): Record<string, object> {
    const requestId = { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } };
    const headers = {
      ...requestId,
      'Content-Security-Policy': { description: 'Same-origin scripts, styles and API calls only; no inline script', schema: { type: 'string' } },
      ETag: { description: 'Content hash; send it back as If-None-Match', schema: { type: 'string' } },
    };
    const notModified = { description: 'Unchanged since the ETag sent in If-None-Match', headers: requestId };
    return {
      '/ops': {
        get: {
          operationId: 'getOpsConsole',
          summary: 'The operations console (web page)',
          description:
            'Operators sign in with an `Acstkn` token holding `ops:read` (view) or `ops:write` (retry); the page calls `/ops/api/...` with it. ' +
            '`/ops/` answers the page; `/ops` redirects there.',
          tags: ['operations'],
          responses: {
            '200': { description: 'The page (at `/ops/`)', headers, content: { 'text/html': { schema: { type: 'string' } } } },
            '301': { description: 'From `/ops` to `/ops/`', headers: { ...requestId, Location: { schema: { type: 'string' } } } },
            '304': notModified,
          },
        },
      },
      '/ops/{file}': {
        get: {
          operationId: 'getOpsConsoleFile',
          summary: "A file of the operations console's page (scripts, styles)",
          tags: ['operations'],
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: this.files.names() }, example: 'main.js' }],
          responses: {
            '200': {
              description: 'The file',
              headers,
              content: Object.fromEntries(this.files.mediaTypes().map((type) => [type, { schema: { type: 'string' } }])),
            },
            '304': notModified,
            '404': { description: 'Not a file of the page', headers: requestId, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelopeCamelCase' } } } },
          },
        },
      },
    };
  }
}
