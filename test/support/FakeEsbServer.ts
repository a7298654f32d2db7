import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyOf, LoopbackHttpServer } from './LoopbackHttpServer.js';

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
  /** The URL path of each request, index for index (processes given different esb.url paths tell apart). */
  readonly paths: string[] = [];
  behaviour: EsbBehaviour = { kind: 'success' };
  /** When set, each call is answered only once this settles (the test decides when a call in flight ends). */
  gate: Promise<void> | undefined;
  private held: Promise<void> | undefined;
  private readonly http = new LoopbackHttpServer((request, response) => this.answer(request, response));

  async start(): Promise<string> {
    return `http://127.0.0.1:${await this.http.start()}/esb`;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /**
   * From now on every reply waits until the returned function is called: the test, not a
   * delay, decides how long a DA21 call stays in flight.
   */
  holdReplies(): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.held = held;
    return () => {
      if (this.held === held) this.held = undefined;
      release();
    };
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = JSON.parse((await bodyOf(request)).toString('utf8')) as Record<string, unknown>;
    this.requests.push(body);
    this.paths.push(request.url ?? '');
    if (this.held) await this.held;
    if (this.gate) await this.gate;
    const behaviour = this.behaviour;
    if (behaviour.kind === 'hang') {
      this.http.hold(response);
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
