import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';

/**
 * The baseline of the benchmarks: a bare Koa app on node:http that reads a JSON body and
 * answers the same `{"success":true,"data":{}}` as UpgradeAccount, and `/readyz`.
 */
export async function startBareKoa(port = 0): Promise<{ url: string; server: Server; stop: () => Promise<void> }> {
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      ctx.body = { success: true, data: {} };
    } else ctx.body = { status: 'ready' };
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// `node dist/scripts/bench/bareKoa.js PORT`: the baseline process of the startup benchmark.
if (process.argv[1] === fileURLToPath(import.meta.url)) void startBareKoa(Number(process.argv[2] ?? 0));
