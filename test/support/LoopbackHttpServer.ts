import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1, on a free port, that the fakes of partners answer through:
 * `handler` answers each request; `hold` keeps a response open until `stop` (a partner that hangs).
 */
export class LoopbackHttpServer {
  private readonly server: Server;
  private readonly held = new Set<ServerResponse>();

  constructor(handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>, options: { keepAliveTimeout?: number } = {}) {
    this.server = createServer((request, response) => void handler(request, response));
    if (options.keepAliveTimeout !== undefined) this.server.keepAliveTimeout = options.keepAliveTimeout;
  }

  /** Listens; returns the port. */
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  hold(response: ServerResponse): void {
    this.held.add(response);
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The whole body of a request. */
export async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
