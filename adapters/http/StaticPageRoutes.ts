import type Router from '@koa/router';
import type { RouteContribution } from './JsonEndpoint.js';
import type { StaticPageFiles } from './StaticPageFiles.js';

/** How a page describes itself in the OpenAPI document. */
export interface StaticPageDescription {
  /** `/ops`, `/docs`: the page is at `<prefix>/`, its files at `<prefix>/<file>`. */
  readonly prefix: string;
  readonly page: { readonly operationId: string; readonly summary: string; readonly description: string };
  readonly file: { readonly operationId: string; readonly summary: string; readonly example: string };
}

/**
 * A web page Midplat serves from files read at start (the operations console, the API
 * reference): `<prefix>/` answers index.html, `<prefix>` redirects there (the page's relative
 * paths need the slash), `<prefix>/<file>` answers one of its files, anything else falls
 * through to the app's 404.
 */
export class StaticPageRoutes implements RouteContribution {
  constructor(
    private readonly files: StaticPageFiles,
    private readonly described: StaticPageDescription,
  ) {
    if (!files.has('index.html')) throw new Error(`${described.prefix}: the page has no index.html`);
  }

  register(router: Router): void {
    const { prefix } = this.described;
    // Matches `<prefix>` and `<prefix>/`.
    router.get(prefix, (ctx) => {
      if (ctx.path.endsWith('/')) return this.files.serve(ctx, 'index.html');
      ctx.status = 301;
      ctx.redirect(`${prefix}/`);
    });
    router.get(`${prefix}/:file`, (ctx) => this.files.serve(ctx, ctx.params.file ?? ''));
  }

  openApiPaths(): Record<string, object> {
    const { prefix, page, file } = this.described;
    const requestId = { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } };
    const headers = {
      ...requestId,
      'Content-Security-Policy': { description: 'Same-origin scripts, styles and requests only; no inline script or style', schema: { type: 'string' } },
      ETag: { description: 'Content hash; send it back as If-None-Match', schema: { type: 'string' } },
    };
    const notModified = { description: 'Unchanged since the ETag sent in If-None-Match', headers: requestId };
    return {
      [prefix]: {
        get: {
          operationId: page.operationId,
          summary: page.summary,
          description: `${page.description} \`${prefix}/\` answers the page; \`${prefix}\` redirects there.`,
          tags: ['operations'],
          responses: {
            '200': { description: `The page (at \`${prefix}/\`)`, headers, content: { 'text/html': { schema: { type: 'string' } } } },
            '301': { description: `From \`${prefix}\` to \`${prefix}/\``, headers: { ...requestId, Location: { schema: { type: 'string' } } } },
            '304': notModified,
          },
        },
      },
      [`${prefix}/{file}`]: {
        get: {
          operationId: file.operationId,
          summary: file.summary,
          tags: ['operations'],
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: this.files.names() }, example: file.example }],
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
