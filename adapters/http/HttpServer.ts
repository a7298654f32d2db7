import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { HttpServerSettings } from './HttpServerSettings.js';

/**
 * The listening socket. `stop` refuses new connections, lets in-flight requests finish
 * within the grace period, then cuts what is left.
 */
export class HttpServer {
  private server: Server | undefined;
  private stopping = false;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(
    private readonly app: Koa<never>,
    private readonly settings: HttpServerSettings,
  ) {}

  async start(port: number, host = '0.0.0.0'): Promise<AddressInfo> {
    const handle = this.app.callback();
    // Node checks the headers and request timeouts on this interval (default 30 s): a short
    // headersTimeout is only as good as how often it is looked at.
    const connectionsCheckingInterval = Math.min(1000, this.settings.headersTimeoutMs);
    const server = createServer({ connectionsCheckingInterval }, (request, response) => {
      this.inFlight.add(response);
      response.once('close', () => this.inFlight.delete(response));
      // Once stopping, a keep-alive connection is closed after its last answer.
      if (this.stopping) response.setHeader('Connection', 'close');
      void handle(request, response);
    });
    server.keepAliveTimeout = 5000;
    server.requestTimeout = 60000;
    server.headersTimeout = Math.min(this.settings.headersTimeoutMs, server.requestTimeout);
    server.maxConnections = this.settings.maxConnections;
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
    this.stopping = true;
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
}
