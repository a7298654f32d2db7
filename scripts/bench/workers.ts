import { availableParallelism } from 'node:os';
import mysql from 'mysql2/promise';
import { loadBenchData, subscribedUsers } from './benchData.js';
import type { Benchmark, BenchFigure, BenchRatio } from './BenchResult.js';
import { BenchSecrets, median, startMidplatProcess, type RunningChild } from './childServer.js';
import { billKeyOf, CUSTOMERS, customers, request } from './customerCheck.js';
import { scratchDatabase, timedLoad, type LoadRun } from './postLoad.js';

/**
 * `npm run bench -- workers`: CustomerCheck (GBK XML) and KycChanged (INFO events of users
 * subscribed to Money+, so each queues a callback that the group's outbox workers deliver
 * to the Money+ simulator) through the real Midplat with `http.workers` 1 and 2, on MariaDB,
 * 32 connections. Each round starts a group of each size in turn on the same database and
 * waits for the callbacks to drain before stopping it. Figures only; nothing here is a test.
 */
const CONNECTIONS = 32;
const USERS = 200;
const SIZES = [1, 2] as const;
const CUSTOMER_CHECK = '/billing/CustomerCheck';
const KYC_CHANGED = '/intranet/api/v1.0/kyc/KycChanged';
const log = (line: string) => process.stderr.write(`[workers] ${line}\n`);
const uidOf = (n: number) => `W${String(n % USERS).padStart(6, '0')}`;

/** Until every worker of the group listens (`/healthz` answers as soon as the first one does). */
async function untilWorkersListen(url: string, workers: number): Promise<void> {
  if (workers === 1) return;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const text = await (await fetch(`${url}/metrics`)).text();
    if (new RegExp(`^midplat_cluster_workers ${workers}$`, 'm').test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}: ${workers} workers did not all start`);
}

/** Until no callback is waiting: the next group must not deliver this one's. */
async function untilOutboxDrained(url: string): Promise<void> {
  const connection = await mysql.createConnection(url);
  try {
    for (let attempt = 0; attempt < 1200; attempt += 1) {
      const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS pending FROM outbox_messages WHERE status = 'PENDING'");
      if (Number(rows[0]!.pending) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the outbox did not drain within 2 minutes');
  } finally {
    await connection.end();
  }
}

export const benchmark: Benchmark = {
  name: 'workers',
  description: `CustomerCheck and KycChanged with callbacks (Money+ simulator) with http.workers ${SIZES.join(' and ')}, MariaDB, ${CONNECTIONS} connections, ${availableParallelism()} cores`,
  async run() {
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const db = await scratchDatabase('mariadb');
    const secrets = new BenchSecrets();
    const runs: Record<string, LoadRun[]> = {};
    const record = (key: string, run: LoadRun) => {
      runs[key] = [...(runs[key] ?? []), run];
      return run;
    };
    let events = 0;
    let checks = 0;
    try {
      await loadBenchData(db.url, { billingCustomers: customers(), ...subscribedUsers(Array.from({ length: USERS }, (_, n) => uidOf(n))) });
      const bodies = Array.from({ length: CUSTOMERS }, (_, n) => request(billKeyOf(n)));
      for (let round = 1; round <= rounds; round += 1) {
        for (const workers of SIZES) {
          let group: RunningChild | undefined;
          try {
            group = await startMidplatProcess({
              config: { ...secrets.configFor(), http: { workers }, database: { url: db.url, poolMax: 10 }, moneyPlus: { adapter: 'simulator' } },
            });
            await untilWorkersListen(group.url, workers);
            const customerCheck = (duration: number) =>
              timedLoad({
                url: group!.url, path: CUSTOMER_CHECK, connections: CONNECTIONS, seconds: duration,
                headers: { 'content-type': 'application/xml', 'x-api-key': secrets.apiKey },
                nextBody: () => bodies[(checks += 1) % CUSTOMERS]!,
              });
            const kycChanged = (duration: number) =>
              timedLoad({
                url: group!.url, path: KYC_CHANGED, connections: CONNECTIONS, seconds: duration,
                headers: { 'content-type': 'application/json', acstkn: secrets.token },
                // Each event is new and newer than the last, and changes the name MPLUS reads: one callback each.
                nextBody: () => {
                  const n = (events += 1);
                  return JSON.stringify({ eventId: `workers-${n}`, uid: uidOf(n), occurredAt: 1700000000 + n, type: 'INFO', info: { name: `Bench User ${n}` } });
                },
              });
            await customerCheck(2);
            const cc = record(`cc${workers}`, await customerCheck(seconds));
            const kyc = record(`kyc${workers}`, await kycChanged(seconds));
            if (cc.non2xx + kyc.non2xx > 0) throw new Error(`${workers} workers: ${cc.non2xx} + ${kyc.non2xx} answers were not 2xx`);
            log(`round ${round}/${rounds}, ${workers} worker(s): CustomerCheck ${cc.requestsPerSecond.toFixed(0)} req/s p99 ${cc.p99Ms} ms; KycChanged ${kyc.requestsPerSecond.toFixed(0)} req/s p99 ${kyc.p99Ms} ms`);
            await untilOutboxDrained(db.url);
          } finally {
            await group?.stop();
          }
        }
      }
    } finally {
      await db.drop();
    }
    const rate = (key: string) => median(runs[key]!.map((run) => run.requestsPerSecond));
    const p99 = (key: string) => median(runs[key]!.map((run) => run.p99Ms));
    // Side by side: each path with 1, then 2 workers.
    const figures: BenchFigure[] = [
      ...SIZES.flatMap((workers) => [
        { label: `CustomerCheck, ${workers} worker(s), req/s (median of ${rounds})`, value: rate(`cc${workers}`), unit: 'req/s' },
        { label: `CustomerCheck, ${workers} worker(s), p99 (median)`, value: p99(`cc${workers}`), unit: 'ms' },
      ]),
      ...SIZES.flatMap((workers) => [
        { label: `KycChanged with callback, ${workers} worker(s), req/s (median of ${rounds})`, value: rate(`kyc${workers}`), unit: 'req/s' },
        { label: `KycChanged with callback, ${workers} worker(s), p99 (median)`, value: p99(`kyc${workers}`), unit: 'ms' },
      ]),
    ];
    const ratios: BenchRatio[] = [
      { label: 'CustomerCheck, 2 workers / 1 worker (medians)', value: rate('cc2') / rate('cc1') },
      { label: 'KycChanged, 2 workers / 1 worker (medians)', value: rate('kyc2') / rate('kyc1') },
    ];
    return { name: 'workers', figures, ratios };
  },
};
