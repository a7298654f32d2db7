import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { bodyOf, LoopbackHttpServer } from './LoopbackHttpServer.js';

/** How the fake Money+ answers one callback. */
export type MoneyPlusBehaviour =
  | { kind: 'success' }
  | { kind: 'retcode'; retcode: number }
  | { kind: 'http-error'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  /** Any status and body: a partner that echoes personal data, say. */
  | { kind: 'reply'; status: number; contentType: string; body: string }
  /** A body that never ends (chunks of `chunk` until the client goes away or 64 MiB are sent). */
  | { kind: 'endless'; status: number; chunk: string };

const ENDLESS_MAX_BYTES = 64 * 1024 * 1024;

export interface ReceivedCallback {
  /** The request URL (path and query): processes given different callback URLs tell apart. */
  readonly url: string;
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
  /** Replies whose connection the client closed before the reply was sent in full. */
  abandonedReplies = 0;
  behaviour: MoneyPlusBehaviour = { kind: 'success' };
  script: MoneyPlusBehaviour[] = [];
  /** When set, each callback is answered only once this settles (a delivery the test keeps in flight). */
  gate: Promise<void> | undefined;
  private readonly http = new LoopbackHttpServer((request, response) => this.answer(request, response));
  private port = 0;

  async start(): Promise<string> {
    this.port = await this.http.start();
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/moneyplus/kyc/callback`;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = (await bodyOf(request)).toString('utf8');
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // recorded as is; the assertion will show it
    }
    this.received.push({ url: request.url ?? '', headers: request.headers, body, json });
    const behaviour = this.script.shift() ?? this.behaviour;
    if (this.gate) await this.gate;
    switch (behaviour.kind) {
      case 'hang':
        this.http.hold(response);
        return;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"retcode": ');
        return;
      case 'http-error':
        response.writeHead(behaviour.status, behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}).end('error');
        return;
      case 'reply':
        response.writeHead(behaviour.status, { 'content-type': behaviour.contentType }).end(behaviour.body);
        return;
      case 'endless':
        this.sendEndlessly(response, behaviour.status, Buffer.from(behaviour.chunk));
        return;
      case 'retcode':
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ retcode: behaviour.retcode, msg: 'refused' }));
        return;
      case 'success':
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ retcode: 0, msg: 'success' }));
    }
  }

  private sendEndlessly(response: ServerResponse, status: number, chunk: Buffer): void {
    response.writeHead(status, { 'content-type': 'text/plain' });
    let sent = 0;
    let closed = false;
    response.on('close', () => {
      closed = true;
      if (!response.writableFinished) this.abandonedReplies += 1;
    });
    const pump = () => {
      while (!closed && sent < ENDLESS_MAX_BYTES) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!closed) response.end();
    };
    pump();
  }
}
