import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

/**
 * The listening socket. `stop` refuses new connections, lets in-flight requests finish
 * within the grace period, then cuts what is left.
 */
export class HttpServer {
  private server: Server | undefined;

  constructor(private readonly app: Koa<never>) {}

  async start(port: number, host = '0.0.0.0'): Promise<AddressInfo> {
    const server = createServer(this.app.callback());
    server.keepAliveTimeout = 5000;
    server.requestTimeout = 60000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  async stop(graceMs: number): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
}
