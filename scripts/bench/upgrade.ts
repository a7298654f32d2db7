import { loadavg } from 'node:os';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import { postLoad, scratchDatabase, type LoadRun as Run } from './postLoad.js';
import { startSlowEsb } from './slowEsb.js';
import { startUpgradeBaseline } from './upgradeBaseline.js';
import type { Benchmark, BenchFigure, BenchRatio } from './BenchResult.js';

const PATH = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const REQUESTS = 2000;
const WARMUP = 300;
/** Issue 11: 32 connections, a fake ESB answering DA21 in 20 ms. */
const CONNECTIONS = 32;
const ESB_DELAY_MS = 20;

const memberIdOf = (prefix: string, index: number) => `${prefix}${String(index).padStart(6, '0')}`;

/** Every request decides a different member, so each one takes the full path: claim, DA21, record. */
const memberBody = (prefix: string) => (index: number) => JSON.stringify({ memberId: memberIdOf(prefix, index), isPass: true });

const load = (url: string, amount: number, bodyOf: (index: number) => string): Promise<Run> =>
  postLoad({ url, path: PATH, token: 'demo-ivr-token', amount, bodyOf, connections: CONNECTIONS });

async function runUpgrade(kind: 'sqlite' | 'mariadb', esbUrl: string): Promise<Run> {
  const db = await scratchDatabase(kind);
  const config = loadConfig({}, {
    http: { port: 0 },
    database: { url: db.url },
    esb: { adapter: 'http', url: esbUrl },
    log: { level: 'warn' },
    demo: { loadOnStart: false },
  });
  const service = new MidplatService(config);
  try {
    const address = await service.start();
    const members = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        memberId: memberIdOf(prefix, index),
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

/** The hand-written Koa + mysql2 route, on its own scratch MariaDB database, same members and ESB. */
async function runBaseline(esbUrl: string): Promise<Run> {
  const db = await scratchDatabase('mariadb');
  const ids = [...Array.from({ length: WARMUP }, (_, i) => memberIdOf('W', i)), ...Array.from({ length: REQUESTS }, (_, i) => memberIdOf('B', i))];
  const baseline = await startUpgradeBaseline(db.url, esbUrl, ids);
  try {
    await load(baseline.url, WARMUP, memberBody('W'));
    return await load(baseline.url, REQUESTS, memberBody('B'));
  } finally {
    await baseline.stop();
    await db.drop();
  }
}

export const benchmark: Benchmark = {
  name: 'upgrade',
  description: `UpgradeAccount through the real server (fake ESB over HTTP answering in ${ESB_DELAY_MS} ms, ${REQUESTS} distinct members, ${CONNECTIONS} connections)`,
  async run() {
    const figures: BenchFigure[] = [];
    const ratios: BenchRatio[] = [];
    const esb = await startSlowEsb(ESB_DELAY_MS);
    try {
      for (const kind of ['sqlite', 'mariadb'] as const) {
        const run = await runUpgrade(kind, esb.url);
        if (run.non2xx > 0) throw new Error(`upgrade on ${kind}: ${run.non2xx} answers were not 2xx`);
        figures.push(
          { label: `UpgradeAccount (${kind}) throughput`, value: run.requestsPerSecond, unit: 'req/s' },
          { label: `UpgradeAccount (${kind}) latency p50`, value: run.p50Ms, unit: 'ms' },
          { label: `UpgradeAccount (${kind}) latency p99`, value: run.p99Ms, unit: 'ms' },
        );
        if (kind === 'mariadb') {
          // Right after ours, on the same machine under the same load.
          const baseline = await runBaseline(esb.url);
          if (baseline.non2xx > 0) throw new Error(`upgrade baseline: ${baseline.non2xx} answers were not 2xx`);
          figures.push(
            { label: 'Koa + mysql2 claim/DA21/record route (mariadb) throughput', value: baseline.requestsPerSecond, unit: 'req/s' },
            { label: 'Koa + mysql2 claim/DA21/record route (mariadb) latency p50', value: baseline.p50Ms, unit: 'ms' },
            { label: 'Koa + mysql2 claim/DA21/record route (mariadb) latency p99', value: baseline.p99Ms, unit: 'ms' },
          );
          ratios.push({ label: 'UpgradeAccount (mariadb) / Koa + mysql2 route throughput', value: run.requestsPerSecond / baseline.requestsPerSecond, target: 0.5 });
        }
      }
    } finally {
      await esb.stop();
    }
    figures.push({ label: 'machine load average (1 min) at the end', value: loadavg()[0] ?? 0, unit: 'runnable' });
    return { name: 'upgrade', figures, ratios };
  },
};
