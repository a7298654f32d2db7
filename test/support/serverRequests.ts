import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const CHANNEL = 'http.server.request.start';

/**
 * The requests for `path` that an HTTP server of this process on `port` has received whole
 * (headers and body), seen through Node's `http.server.request.start` channel: a test can
 * hold an answer until every request it sent is inside the service.
 */
export function watchServerRequests(port: number, path: string): { received(): number; stop(): void } {
  const seen: IncomingMessage[] = [];
  const onStart = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    if ((server.address() as AddressInfo | null)?.port === port && request.url === path) seen.push(request);
  };
  subscribe(CHANNEL, onStart);
  return {
    received: () => seen.filter((request) => request.complete).length,
    stop: () => void unsubscribe(CHANNEL, onStart),
  };
}
