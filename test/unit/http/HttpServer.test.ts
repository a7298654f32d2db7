import { Agent, request } from 'node:http';
import { expect } from 'chai';
import Koa from 'koa';
import { HttpServer } from '../../../adapters/http/HttpServer.js';

/** A GET over a keep-alive agent: status, Connection header, body — or the socket error. */
function get(port: number, path: string, agent: Agent): Promise<{ status?: number; connection?: string; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const outgoing = request({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection, body }));
    });
    outgoing.on('error', (error: Error & { code?: string }) => resolve({ error: error.code ?? error.message }));
    outgoing.end();
  });
}

const LIMITS = { headersTimeoutMs: 10000, maxConnections: 100 };

/** An app whose `/slow` answers only when the test opens the gate. */
function gatedApp() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered: () => void = () => undefined;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.path === '/slow') {
      entered();
      await gate;
    }
    ctx.body = 'done';
  });
  return { app, open, inside };
}

describe('HttpServer.stop', () => {
  it('refuses new connections, finishes the in-flight request and closes its keep-alive connection', async () => {
    const { app, open, inside } = gatedApp();
    const server = new HttpServer(app as never, LIMITS);
    const { port } = await server.start(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true });
    try {
      const idle = await get(port, '/fast', agent); // leaves an idle keep-alive connection behind
      expect(idle.status).to.equal(200);
      const slow = get(port, '/slow', new Agent({ keepAlive: true }));
      await inside;
      const stopped = server.stop(10000);
      expect((await get(port, '/fast', new Agent())).error).to.equal('ECONNREFUSED');
      open();
      expect(await slow).to.deep.equal({ status: 200, connection: 'close', body: 'done' });
      await stopped;
    } finally {
      agent.destroy();
    }
  });

  it('cuts a request still running when the grace period ends', async () => {
    const { app, inside } = gatedApp();
    const server = new HttpServer(app as never, LIMITS);
    const { port } = await server.start(0, '127.0.0.1');
    const slow = get(port, '/slow', new Agent());
    await inside;
    await server.stop(200);
    expect((await slow).error).to.equal('ECONNRESET');
  });
});
