import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake core bank answers the next DA21 calls. */
export type EsbBehaviour =
  | { kind: 'success' }
  | { kind: 'refuse'; rtrnCode: string; rtrnDesc?: string }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'http-error'; status: number };

/**
 * A real HTTP server on 127.0.0.1 standing in for the core banking ESB: records every
 * DA21 request body and answers as told, with the seed's reply shape.
 */
export class FakeEsbServer {
  readonly requests: Record<string, unknown>[] = [];
  behaviour: EsbBehaviour = { kind: 'success' };
  /** Milliseconds to wait before answering (to widen race windows). */
  delayMs = 0;
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((request, response) => void this.answer(request, response));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/esb`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    this.requests.push(body);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const behaviour = this.behaviour;
    if (behaviour.kind === 'hang') {
      this.hanging.add(response);
      return;
    }
    if (behaviour.kind === 'garbage') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ambody": ');
      return;
    }
    if (behaviour.kind === 'http-error') {
      response.writeHead(behaviour.status).end('upstream error');
      return;
    }
    const header = body.amheader as Record<string, string>;
    const rtrnCode = behaviour.kind === 'success' ? '200' : behaviour.rtrnCode;
    const rtrnDesc = (behaviour.kind === 'refuse' ? behaviour.rtrnDesc : undefined) ?? `${rtrnCode}{fake}`;
    const reply = {
      amheader: { ...header, CnannelID: header.ChannelID, RsTimestamp: '2015-12-06T12:01:10.00+08:00' },
      ambody: {
        AcctInfoModRs: {
          ServiceHeader: {
            TxnId: 'DA21',
            TxnNo: 'DA2100001',
            Signon: { CustId: 'ESBUSER' },
            RtrnStatCode: [{ RtrnCode: rtrnCode, RtrnDesc: rtrnDesc }],
          },
        },
      },
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }
}
