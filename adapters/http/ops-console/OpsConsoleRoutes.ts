import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { RouteContribution } from '../JsonEndpoint.js';

/** Scripts, styles, images and API calls from this origin only; no inline script, no framing. */
export const OPS_CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** The files of a folder, read once: only these names are ever served (no path from the URL reaches the disk). */
function readStaticFiles(folder: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(folder)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type === undefined) continue;
    const body = readFileSync(join(folder, name));
    files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return files;
}

/**
 * `GET /ops/`: the operations console (SPEC 8.1), plain ES modules from `folder`. Nothing
 * is built or fetched at run time; the page talks to `/ops/api/...` with its `Acstkn` header.
 */
export class OpsConsoleRoutes implements RouteContribution {
  private readonly files: Map<string, StaticFile>;

  constructor(folder: string) {
    this.files = readStaticFiles(folder);
    if (!this.files.has('index.html')) throw new Error(`ops console: no index.html in ${folder}`);
  }

  register(router: Router): void {
    // Matches `/ops` and `/ops/`; the page's relative module paths need the slash.
    router.get('/ops', (ctx) => {
      if (ctx.path.endsWith('/')) return this.serve(ctx, 'index.html');
      ctx.status = 301;
      ctx.redirect('/ops/');
    });
    router.get('/ops/:file', (ctx) => this.serve(ctx, ctx.params.file ?? ''));
  }

  private serve(ctx: Context, name: string): void {
    const file = this.files.get(name);
    if (file === undefined) return; // falls through to the app's 404 envelope
    ctx.set('Content-Security-Policy', OPS_CONSOLE_CSP);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    // Revalidate every time (a cheap 304): a new release is seen at once, without hashed file names.
    ctx.set('Cache-Control', 'no-cache');
    ctx.status = 200;
    ctx.etag = file.etag;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = file.type;
    ctx.body = file.body;
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
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: [...this.files.keys()].sort() }, example: 'main.js' }],
          responses: {
            '200': {
              description: 'The file',
              headers,
              content: Object.fromEntries([...new Set([...this.files.values()].map((file) => file.type.split(';')[0]!))].sort().map((type) => [type, { schema: { type: 'string' } }])),
            },
            '304': notModified,
            '404': { description: 'Not a file of the page', headers: requestId, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelopeCamelCase' } } } },
          },
        },
      },
    };
  }
}
