import { loadavg } from 'node:os';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import { startBareKoa } from './bareKoa.js';
import { BENCH_CONNECTIONS as CONNECTIONS, postLoad, scratchDatabase, type LoadRun as Run } from './postLoad.js';
import type { Benchmark, BenchFigure, BenchRatio } from './BenchResult.js';

const PATH = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const REQUESTS = 2000;
const BARE_REQUESTS = 10000;
const WARMUP = 300;

/** `amount` UpgradeAccount POSTs; `bodyOf(i)` gives the i-th body. */
const load = (url: string, amount: number, bodyOf: (index: number) => string): Promise<Run> =>
  postLoad({ url, path: PATH, token: 'demo-ivr-token', amount, bodyOf });

/** Every request decides a different member, so each one takes the full path: lock, audit, DA21, status. */
const memberBody = (prefix: string) => (index: number) => JSON.stringify({ memberId: `${prefix}${String(index).padStart(6, '0')}`, isPass: true });


async function runUpgrade(kind: 'sqlite' | 'mariadb'): Promise<Run> {
  const db = await scratchDatabase(kind);
  const config = loadConfig({}, { http: { port: 0 }, database: { url: db.url }, log: { level: 'warn' }, demo: { loadOnStart: false } });
  const service = new MidplatService(config);
  try {
    const address = await service.start();
    const members = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        memberId: `${prefix}${String(index).padStart(6, '0')}`,
        accountId: `AA${prefix}${index}`,
        digitalLevel: '2B',
        eddaStatus: 'EDDASuccess',
      }));
    await service.container.get(FixtureLoader).load({ members: [...members('W', WARMUP), ...members('B', REQUESTS)] });
    const url = `http://127.0.0.1:${address.port}`;
    await load(url, WARMUP, memberBody('W'));
    return await load(url, REQUESTS, memberBody('B'));
  } finally {
    await service.stop();
    await db.drop();
  }
}

async function runBare(): Promise<Run> {
  const bare = await startBareKoa();
  try {
    await load(bare.url, WARMUP, memberBody('W'));
    return await load(bare.url, BARE_REQUESTS, memberBody('B'));
  } finally {
    await bare.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'upgrade',
  description: `UpgradeAccount through the real server (ESB simulator, ${REQUESTS} distinct members, ${CONNECTIONS} connections) vs a bare Koa route`,
  async run() {
    const figures: BenchFigure[] = [];
    const ratios: BenchRatio[] = [];
    for (const kind of ['sqlite', 'mariadb'] as const) {
      // The baseline runs right before each measured run, so both see the same machine.
      const bare = await runBare();
      const run = await runUpgrade(kind);
      if (run.non2xx > 0) throw new Error(`upgrade on ${kind}: ${run.non2xx} answers were not 2xx`);
      figures.push(
        { label: `bare Koa route throughput (before ${kind})`, value: bare.requestsPerSecond, unit: 'req/s' },
        { label: `bare Koa route latency p50 (before ${kind})`, value: bare.p50Ms, unit: 'ms' },
        { label: `UpgradeAccount (${kind}) throughput`, value: run.requestsPerSecond, unit: 'req/s' },
        { label: `UpgradeAccount (${kind}) latency p50`, value: run.p50Ms, unit: 'ms' },
        { label: `UpgradeAccount (${kind}) latency p99`, value: run.p99Ms, unit: 'ms' },
      );
      // A full decision (transaction, row lock, audit row, DA21, status + history) against an empty route.
      ratios.push({ label: `UpgradeAccount (${kind}) / bare Koa throughput`, value: run.requestsPerSecond / bare.requestsPerSecond });
    }
    figures.push({ label: 'machine load average (1 min) at the end', value: loadavg()[0] ?? 0, unit: 'runnable' });
    return { name: 'upgrade', figures, ratios };
  },
};
