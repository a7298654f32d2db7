/**
 * The Money+ receiver of `npm run bench -- outbox-e2e`, in its own process: answers every
 * POST `{"retcode":0}` and, for each new `webhook-id` that is a UUIDv7 (an outbox message
 * id, which carries its enqueue time in milliseconds), notes enqueue → arrival. With
 * WEBHOOK_SECRET it also checks each Standard Webhooks signature and that each uid's
 * messages arrive in enqueue order (to the millisecond the id holds: one uid's events are
 * further apart than that). Commands over IPC: `reset` (new counts; ids already seen stay
 * seen, so a late retry is not counted again), `stats` (answers {received, distinct,
 * badSignatures, outOfOrder, lastNewAt}, lastNewAt the Date.now() of the last new id), `latencies`
 * (answers {latenciesMs} since the reset). Sends {port}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '../../../adapters/money-plus/kyc-change-notifier/standardWebhooks.js';

const secret = process.env.WEBHOOK_SECRET;
const seen = new Set<string>();
/** Each uid's latest enqueue time delivered. */
const lastEnqueuedOf = new Map<string, number>();
let latenciesMs: number[] = [];
let received = 0;
let distinct = 0;
let badSignatures = 0;
let outOfOrder = 0;
let lastNewAt = 0;

/** The 48-bit Unix milliseconds a UUIDv7 starts with; undefined for any other id. */
function enqueuedAt(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

function signedBySecret(id: string, timestamp: string | string[] | undefined, signatures: string | string[] | undefined, body: string): boolean {
  if (typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  return signatures.split(' ').includes(signWebhook(secret!, id, Number(timestamp), body));
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const arrived = Date.now();
    received += 1;
    const id = request.headers['webhook-id'];
    if (typeof id === 'string' && !seen.has(id)) {
      seen.add(id);
      distinct += 1;
      lastNewAt = arrived;
      const at = enqueuedAt(id);
      if (at !== undefined) latenciesMs.push(arrived - at);
      if (secret !== undefined) {
        const body = Buffer.concat(chunks).toString('utf8');
        if (!signedBySecret(id, request.headers['webhook-timestamp'], request.headers['webhook-signature'], body)) badSignatures += 1;
        const { uid } = JSON.parse(body) as { uid: string };
        if (at !== undefined && at < (lastEnqueuedOf.get(uid) ?? 0)) outOfOrder += 1;
        if (at !== undefined) lastEnqueuedOf.set(uid, Math.max(at, lastEnqueuedOf.get(uid) ?? 0));
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"retcode":0}');
  });
});
server.keepAliveTimeout = 60_000;

process.on('message', (command: string) => {
  if (command === 'reset') {
    latenciesMs = [];
    received = 0;
    distinct = 0;
    badSignatures = 0;
    outOfOrder = 0;
    process.send?.({ reset: true });
  } else if (command === 'stats') {
    process.send?.({ received, distinct, badSignatures, outOfOrder, lastNewAt });
  } else if (command === 'latencies') {
    process.send?.({ latenciesMs });
  }
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('SIGTERM', () => process.exit(0));
