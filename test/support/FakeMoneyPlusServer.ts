import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake Money+ answers one callback. */
export type MoneyPlusBehaviour =
  | { kind: 'success' }
  | { kind: 'retcode'; retcode: number }
  | { kind: 'http-error'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'garbage' };

export interface ReceivedCallback {
  readonly headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  readonly body: string;
  readonly json: Record<string, unknown>;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for Money+'s callback endpoint: records every
 * request and answers from `script` (one behaviour per request), then `behaviour`.
 */
export class FakeMoneyPlusServer {
  readonly received: ReceivedCallback[] = [];
  behaviour: MoneyPlusBehaviour = { kind: 'success' };
  script: MoneyPlusBehaviour[] = [];
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  private port = 0;

  constructor() {
    this.server = createServer((request, response) => void this.answer(request, response));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/moneyplus/kyc/callback`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // recorded as is; the assertion will show it
    }
    this.received.push({ headers: request.headers, body, json });
    const behaviour = this.script.shift() ?? this.behaviour;
    switch (behaviour.kind) {
      case 'hang':
        this.hanging.add(response);
        return;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"retcode": ');
        return;
      case 'http-error':
        response.writeHead(behaviour.status, behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}).end('error');
        return;
      case 'retcode':
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ retcode: behaviour.retcode, msg: 'refused' }));
        return;
      case 'success':
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ retcode: 0, msg: 'success' }));
    }
  }
}
