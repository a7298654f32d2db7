import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';

/**
 * What the least-work JSON routes share: Koa, the `acstkn` token checked against its
 * SHA-256 (TOKEN_SHA256), the JSON body, `{ success: true, data }` back; listening on a
 * free port sent to the parent as {port}; exit on SIGTERM (requests still in flight when
 * the load stops are of no interest).
 */
export function serveJsonRoute(handle: (body: unknown) => Promise<object>): void {
  const tokenDigest = Buffer.from(process.env.TOKEN_SHA256 ?? '', 'hex');
  if (tokenDigest.length !== 32) throw new Error('TOKEN_SHA256 is required');
  const app = new Koa();
  app.use(async (ctx) => {
    const token = ctx.get('acstkn');
    if (!token || !timingSafeEqual(createHash('sha256').update(token).digest(), tokenDigest)) {
      ctx.status = 401;
      ctx.body = { success: false, error: { errorCode: 'UNAUTHORIZED', errorMessage: 'The access token is not valid' } };
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    ctx.body = { success: true, data: await handle(JSON.parse(Buffer.concat(chunks).toString('utf8'))) };
  });
  const server = createServer(app.callback());
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('SIGTERM', () => process.exit(0));
}
