import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import type { Benchmark, BenchFigure, BenchRatio } from './BenchResult.js';
import { BenchSecrets, cpuSecondsOf, forkBenchServer, startMidplatProcess, type RunningChild } from './childServer.js';
import { postLoad, scratchDatabase, type LoadRun as Run } from './postLoad.js';
import { startSlowEsb } from './slowEsb.js';

const PATH = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const REQUESTS = 2000;
const WARMUP = 300;
/** Issue 11: 32 connections, a fake ESB answering DA21 in 20 ms. */
const CONNECTIONS = 32;
const ESB_DELAY_MS = 20;
const POOL_MAX = 10;

const memberIdOf = (prefix: string, index: number) => `${prefix}${String(index).padStart(6, '0')}`;

/** Every request decides a different member, so each one takes the full path: claim, DA21, record. */
const memberBody = (prefix: string) => (index: number) => JSON.stringify({ memberId: memberIdOf(prefix, index), isPass: true });

/** Migrates a scratch database and loads the warm-up and measured members, each with a verified EDDA check. */
async function loadMembers(url: string): Promise<void> {
  const service = new MidplatService(loadConfig({}, { database: { url, poolMax: 2 }, log: { level: 'silent' }, demo: { loadOnStart: false } }));
  const members = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => ({ memberId: memberIdOf(prefix, index), accountId: `AA${prefix}${index}`, digitalLevel: '2B', eddaStatus: 'EDDASuccess' }));
  try {
    await service.prepare();
    await service.container.get(FixtureLoader).load({ members: [...members('W', WARMUP), ...members('B', REQUESTS)] });
  } finally {
    await service.database.close();
  }
}

/** A measured run and the server's CPU per request in it (machine load disturbs it far less than throughput). */
type Measured = Run & { readonly cpuMicros: number };

/** A server (its own process) on its own loaded scratch database: warm-up, then the measured run. */
async function measure(kind: 'sqlite' | 'mariadb', start: (databaseUrl: string) => Promise<RunningChild>, token: string): Promise<Measured> {
  const db = await scratchDatabase(kind);
  let server: RunningChild | undefined;
  try {
    await loadMembers(db.url);
    server = await start(db.url);
    const load = (amount: number, prefix: string) => postLoad({ url: server!.url, path: PATH, token, amount, bodyOf: memberBody(prefix), connections: CONNECTIONS });
    await load(WARMUP, 'W');
    const pid = server.process.pid!;
    const cpuBefore = cpuSecondsOf(pid);
    const run = await load(REQUESTS, 'B');
    return { ...run, cpuMicros: ((cpuSecondsOf(pid) - cpuBefore) * 1e6) / REQUESTS };
  } finally {
    await server?.stop();
    await db.drop();
  }
}

/**
 * UpgradeAccount through the real Midplat process (production config, request logs on)
 * against the least-work Koa + mysql2 route (`leastWork/upgradeRoute.ts`), which runs the
 * same statements and the same DA21 call, right after it on the same machine.
 * BENCH_CPU_PROF_DIR=dir writes every server's CPU profile there.
 */
export const benchmark: Benchmark = {
  name: 'upgrade',
  description: `UpgradeAccount through the real server (fake ESB over HTTP answering in ${ESB_DELAY_MS} ms, ${REQUESTS} distinct members, ${CONNECTIONS} connections)`,
  async run() {
    const figures: BenchFigure[] = [];
    const ratios: BenchRatio[] = [];
    const esb = await startSlowEsb(ESB_DELAY_MS);
    const secrets = new BenchSecrets();
    const profileDir = process.env.BENCH_CPU_PROF_DIR;
    const midplat = (url: string) =>
      startMidplatProcess({
        config: { ...secrets.configFor(), database: { url, poolMax: POOL_MAX }, esb: { adapter: 'http', url: esb.url } },
        cpuProfileDir: profileDir,
      });
    const leastWork = (url: string) =>
      forkBenchServer(
        'leastWork/upgradeRoute.js',
        { DATABASE_URL: url, ESB_URL: esb.url, POOL_MAX: String(POOL_MAX), TOKEN_SHA256: createHash('sha256').update(secrets.token).digest('hex') },
        profileDir,
      );
    const figuresOf = (name: string, run: Measured): BenchFigure[] => {
      if (run.non2xx > 0) throw new Error(`${name}: ${run.non2xx} answers were not 2xx`);
      return [
        { label: `${name} throughput`, value: run.requestsPerSecond, unit: 'req/s' },
        { label: `${name} latency p50`, value: run.p50Ms, unit: 'ms' },
        { label: `${name} latency p99`, value: run.p99Ms, unit: 'ms' },
        { label: `${name} server CPU per request`, value: run.cpuMicros, unit: 'us' },
      ];
    };
    try {
      figures.push(...figuresOf('UpgradeAccount (sqlite)', await measure('sqlite', midplat, secrets.token)));
      const ours = await measure('mariadb', midplat, secrets.token);
      figures.push(...figuresOf('UpgradeAccount (mariadb)', ours));
      // Right after ours, on the same machine under the same load.
      const theirs = await measure('mariadb', leastWork, secrets.token);
      figures.push(...figuresOf('Koa + mysql2 claim/DA21/record route (mariadb)', theirs));
      ratios.push({ label: 'UpgradeAccount (mariadb) / Koa + mysql2 route throughput', value: ours.requestsPerSecond / theirs.requestsPerSecond, target: 0.5 });
    } finally {
      await esb.stop();
    }
    figures.push({ label: 'machine load average (1 min) at the end', value: loadavg()[0] ?? 0, unit: 'runnable' });
    return { name: 'upgrade', figures, ratios };
  },
};
