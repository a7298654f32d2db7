import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { SequelizeOutboxStore } from '../../adapters/persistence/outbox/SequelizeOutboxStore.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import { BENCH_CONNECTIONS as CONNECTIONS, postLoad, scratchDatabase, type LoadRun as Run } from './postLoad.js';
import type { Benchmark, BenchFigure, BenchRatio } from './BenchResult.js';

const USERS = 200;
const EVENTS = 2000;



/** The baseline: a bare node:http route that reads a JSON body and answers a JSON envelope. */
async function runBare(): Promise<Run> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { uid: string };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data: { uid: input.uid } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return await postLoad({ url, path: '/bare', token: 'none', amount: EVENTS, bodyOf: (index) => JSON.stringify({ uid: uidOf(index), bizId: 'MPLUS' }) });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const uidOf = (index: number) => `B${String(index % USERS).padStart(6, '0')}`;

async function runKyc(kind: 'sqlite' | 'mariadb'): Promise<{ figures: BenchFigure[]; ratios: BenchRatio[] }> {
  const db = await scratchDatabase(kind);
  const config = loadConfig({}, { http: { port: 0 }, database: { url: db.url }, log: { level: 'warn' }, demo: { loadOnStart: false } });
  const service = new MidplatService(config);
  try {
    const address = await service.start();
    const uids = Array.from({ length: USERS }, (_, index) => uidOf(index));
    await service.container.get(FixtureLoader).load({
      kycProfiles: uids.map((uid) => ({ uid, walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: { name: 'Bench User', phone: '+60120000000' } })),
      moneyPlusSubscriptions: uids.map((uid) => ({ uid, bizId: 'MPLUS' })),
    });
    const url = `http://127.0.0.1:${address.port}`;
    const started = process.hrtime.bigint();
    // Every event is new and changes a Money+ field of an approved, subscribed user: profile, history, eventId and an outbox message.
    const writes = await postLoad({ url, path: '/intranet/api/v1.0/kyc/KycChanged', token: 'demo-kyc-token', amount: EVENTS, bodyOf: (index) =>
      JSON.stringify({ eventId: `bench-${index}`, uid: uidOf(index), occurredAt: 1700000000 + index, type: 'INFO', info: { name: `Bench User ${index}` } }),
    });
    const store = service.container.get(SequelizeOutboxStore);
    while ((await store.countPendingAndFailed()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const drainedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const reads = await postLoad({ url, path: '/intranet/api/v1.0/moneyplus/QueryFieldResult', token: 'demo-moneyplus-token', amount: EVENTS, bodyOf: (index) =>
      JSON.stringify({ uid: uidOf(index), bizId: 'MPLUS' }),
    });
    if (writes.non2xx + reads.non2xx > 0) throw new Error(`kyc on ${kind}: ${writes.non2xx + reads.non2xx} answers were not 2xx`);
    // The baseline runs right after, on the same machine under the same load.
    const bare = await runBare();
    const ratios: BenchRatio[] = [
      { label: `QueryFieldResult (${kind}) / bare node:http route throughput`, value: reads.requestsPerSecond / bare.requestsPerSecond },
      { label: `KycChanged with callback (${kind}) / bare node:http route throughput`, value: writes.requestsPerSecond / bare.requestsPerSecond },
    ];
    const figures: BenchFigure[] = [
      { label: `bare node:http route throughput (after ${kind})`, value: bare.requestsPerSecond, unit: 'req/s' },
      { label: `KycChanged INFO with callback (${kind}) throughput`, value: writes.requestsPerSecond, unit: 'req/s' },
      { label: `KycChanged INFO with callback (${kind}) latency p50`, value: writes.p50Ms, unit: 'ms' },
      { label: `KycChanged INFO with callback (${kind}) latency p99`, value: writes.p99Ms, unit: 'ms' },
      { label: `${EVENTS} events accepted and their callbacks delivered, simulator (${kind})`, value: EVENTS / drainedSeconds, unit: 'callbacks/s' },
      { label: `QueryFieldResult (${kind}) throughput`, value: reads.requestsPerSecond, unit: 'req/s' },
      { label: `QueryFieldResult (${kind}) latency p99`, value: reads.p99Ms, unit: 'ms' },
    ];
    return { figures, ratios };
  } finally {
    await service.stop();
    await db.drop();
  }
}

export const benchmark: Benchmark = {
  name: 'kyc',
  description: `KycChanged (${EVENTS} INFO events over ${USERS} subscribed users, ${CONNECTIONS} connections, Money+ simulator) and QueryFieldResult`,
  async run() {
    const figures: BenchFigure[] = [];
    const ratios: BenchRatio[] = [];
    for (const kind of ['sqlite', 'mariadb'] as const) {
      const run = await runKyc(kind);
      figures.push(...run.figures);
      ratios.push(...run.ratios);
    }
    return { name: 'kyc', figures, ratios };
  },
};
