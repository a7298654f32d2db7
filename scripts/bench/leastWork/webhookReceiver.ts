/**
 * The Money+ receiver of `npm run bench -- outbox-e2e`, in its own process: answers every
 * POST `{"retcode":0}` and, for each new `webhook-id` that is a UUIDv7 (an outbox message
 * id, which carries its enqueue time in milliseconds), notes enqueue → arrival. Commands
 * over IPC: `reset`, `stats` (answers {received, distinct, latenciesMs}). Sends {port}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const seen = new Set<string>();
let latenciesMs: number[] = [];
let received = 0;

/** The 48-bit Unix milliseconds a UUIDv7 starts with; undefined for any other id. */
function enqueuedAt(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const arrived = Date.now();
    received += 1;
    const id = request.headers['webhook-id'];
    if (typeof id === 'string' && !seen.has(id)) {
      seen.add(id);
      const at = enqueuedAt(id);
      if (at !== undefined) latenciesMs.push(arrived - at);
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"retcode":0}');
  });
});
server.keepAliveTimeout = 60_000;

process.on('message', (command: string) => {
  if (command === 'reset') {
    seen.clear();
    latenciesMs = [];
    received = 0;
    process.send?.({ reset: true });
  } else if (command === 'stats') {
    process.send?.({ received, distinct: seen.size, latenciesMs });
  }
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('SIGTERM', () => process.exit(0));
