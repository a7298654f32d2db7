import { createHash } from 'node:crypto';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import type { Benchmark, BenchResult } from './BenchResult.js';
import { BenchSecrets, forkBenchServer, median, startMidplatProcess, type RunningChild } from './childServer.js';
import { alternatingRounds, cpuFigures, scratchDatabase, timedLoad } from './postLoad.js';

const PATH = '/intranet/api/v1.0/kyc/KycChanged';
const CONNECTIONS = 32;
const USERS = 200;
const POOL_MAX = 10;
const log = (line: string) => process.stderr.write(`[kyc-ingest] ${line}\n`);

const uidOf = (n: number) => `I${String(n % USERS).padStart(6, '0')}`;

/** Profiles of approved eKYC users subscribed to nobody: an INFO event is applied, no callback queued. */
async function loadProfiles(url: string): Promise<void> {
  const config = loadConfig({}, { database: { url, poolMax: 2 }, log: { level: 'silent' }, demo: { loadOnStart: false } });
  const service = new MidplatService(config);
  try {
    await service.prepare();
    await service.container.get(FixtureLoader).load({
      kycProfiles: Array.from({ length: USERS }, (_, n) => ({
        uid: uidOf(n), walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: { name: 'Bench User', phone: '+60120000000' },
      })),
    });
  } finally {
    await service.database.close();
  }
}

/**
 * KycChanged INFO events (each a new eventId, each changing the name of one of 200 users
 * not subscribed to any partner) on MariaDB, 32 connections: the real Midplat process
 * against the least-work Koa + mysql2 route (`leastWork/kycChangedRoute.ts`), same
 * database, same statements. BENCH_CPU_PROF_DIR=dir writes both servers' CPU profiles.
 */
export const benchmark: Benchmark = {
  name: 'kyc-ingest',
  description: `KycChanged INFO ingest (${USERS} unsubscribed users, ${CONNECTIONS} connections, MariaDB): Midplat vs least-work Koa + mysql2 route`,
  async run(): Promise<BenchResult> {
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const profileDir = process.env.BENCH_CPU_PROF_DIR;
    const db = await scratchDatabase('mariadb');
    const secrets = new BenchSecrets();
    const children: RunningChild[] = [];
    try {
      await loadProfiles(db.url);
      const midplat = await startMidplatProcess({ config: { ...secrets.configFor(), database: { url: db.url, poolMax: POOL_MAX } }, cpuProfileDir: profileDir });
      children.push(midplat);
      const leastWork = await forkBenchServer(
        'leastWork/kycChangedRoute.js',
        { DATABASE_URL: db.url, POOL_MAX: String(POOL_MAX), TOKEN_SHA256: createHash('sha256').update(secrets.token).digest('hex') },
        profileDir,
      );
      children.push(leastWork);

      // One counter for both servers: they share the profiles, and each event is newer than the last.
      let sent = 0;
      const nextBody = () => {
        const n = (sent += 1);
        return JSON.stringify({ eventId: `ingest-${n}`, uid: uidOf(n), occurredAt: 1700000000 + n, type: 'INFO', info: { name: `Bench User ${n}` } });
      };
      const headers = { 'content-type': 'application/json', acstkn: secrets.token };
      const post = async (url: string) => {
        const response = await fetch(`${url}${PATH}`, { method: 'POST', headers, body: nextBody() });
        const body = (await response.json()) as { data: Record<string, unknown> };
        if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
        // The event id and uid differ by construction; the rest must be the same answer.
        return { ...body.data, eventId: undefined, uid: undefined };
      };
      const [ours, theirs] = [await post(midplat.url), await post(leastWork.url)];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`the answers differ: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
      log(`both answer ${JSON.stringify(ours)}`);

      const load = (url: string) => timedLoad({ url, path: PATH, headers, connections: CONNECTIONS, seconds, nextBody });
      log('warming up');
      await timedLoad({ url: midplat.url, path: PATH, headers, connections: CONNECTIONS, seconds: 4, nextBody });
      await timedLoad({ url: leastWork.url, path: PATH, headers, connections: CONNECTIONS, seconds: 4, nextBody });
      const result = await alternatingRounds(rounds, { load: () => load(midplat.url), pid: midplat.process.pid }, { load: () => load(leastWork.url), pid: leastWork.process.pid }, log);
      return {
        name: 'kyc-ingest',
        figures: [
          { label: `Midplat KycChanged INFO req/s (median of ${rounds})`, value: median(result.ours.map((r) => r.requestsPerSecond)), unit: 'req/s' },
          { label: 'Midplat KycChanged p99 (median)', value: median(result.ours.map((r) => r.p99Ms)), unit: 'ms' },
          { label: `least-work Koa + mysql2 req/s (median of ${rounds})`, value: median(result.theirs.map((r) => r.requestsPerSecond)), unit: 'req/s' },
          { label: 'least-work p99 (median)', value: median(result.theirs.map((r) => r.p99Ms)), unit: 'ms' },
          ...cpuFigures(result, 'Midplat', 'least-work route'),
        ],
        ratios: [{ label: 'KycChanged ingest / least-work route (median of per-round ratios)', value: result.ratio, target: 0.5 }],
      };
    } finally {
      for (const child of children) await child.stop();
      await db.drop();
    }
  },
};
