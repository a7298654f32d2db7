import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context } from 'koa';

/**
 * The policy of every page Midplat serves (the operations console, the API reference):
 * scripts, styles, images and API calls from this origin only; no inline script or style,
 * no eval, no framing, nothing fetched from another origin.
 */
export const STRICT_PAGE_CSP = [
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

/**
 * The files of a page, read once at start: only these names are ever served (no path from
 * the URL reaches the disk), each with a content-hash ETag.
 */
export class StaticPageFiles {
  private readonly files = new Map<string, StaticFile>();

  /** Every file of `folder` with a known type. */
  static fromFolder(folder: string): StaticPageFiles {
    return new StaticPageFiles().add(folder, readdirSync(folder));
  }

  /** Adds the named files of `folder` (a missing one throws at start, not at the first request). */
  add(folder: string, names: readonly string[]): this {
    for (const name of names) {
      const type = CONTENT_TYPES[extname(name)];
      if (type === undefined) continue;
      const body = readFileSync(join(folder, name));
      this.files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
    }
    return this;
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The distinct media types served, for the OpenAPI document. */
  mediaTypes(): string[] {
    return [...new Set([...this.files.values()].map((file) => file.type.split(';')[0]!))].sort();
  }

  /** Answers `name` under the strict policy; an unknown name leaves the context alone (the app's 404 follows). */
  serve(ctx: Context, name: string): void {
    const file = this.files.get(name);
    if (file === undefined) return;
    ctx.set('Content-Security-Policy', STRICT_PAGE_CSP);
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
}
