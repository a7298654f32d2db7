import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { readFixtureFolder } from '../../adapters/persistence/fixtures/DemoData.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import { demoDataFolder } from '../../config/projectRoot.js';
import type { Benchmark, BenchFigure, BenchResult } from './BenchResult.js';
import { BenchSecrets, forkBenchServer, startMidplatProcess, type RunningChild } from './childServer.js';
import { MYSQL_SERVER, scratchDatabase } from './postLoad.js';

const CLIENTS = 16;
const USERS = 200;
const log = (line: string) => process.stderr.write(`[statement-soak] ${line}\n`);
const uidOf = (n: number) => `S${String(n % USERS).padStart(6, '0')}`;
const IDNOS = ['A123456789', 'B223456780', 'C123987654', 'D298765432', 'Z000000000'];
const PHONES = ['0912345678', '0922333444', '0955777888', '0900000000'];
const BILL_KEYS = ['123456', '200001', '200002', '999999'];

/** The demo's members, applications and billing customers (no outbox messages), plus subscribed KYC users. */
async function loadData(url: string): Promise<void> {
  const service = new MidplatService(loadConfig({}, { database: { url, poolMax: 2 }, log: { level: 'silent' }, demo: { loadOnStart: false } }));
  try {
    await service.prepare();
    const demo = readFixtureFolder(demoDataFolder);
    delete demo.outboxMessages;
    const uids = Array.from({ length: USERS }, (_, n) => uidOf(n));
    await service.container.get(FixtureLoader).load({
      ...demo,
      kycProfiles: [...(demo.kycProfiles ?? []), ...uids.map((uid) => ({ uid, walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: { name: 'Bench User', phone: '+60120000000' } }))],
      moneyPlusSubscriptions: [...(demo.moneyPlusSubscriptions ?? []), ...uids.map((uid) => ({ uid, bizId: 'MPLUS' }))],
    });
  } finally {
    await service.database.close();
  }
}

/** The resident set of a process, from /proc (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/**
 * Issue 20.0's soak, on MariaDB: 16 clients send a steady mix of GetCreateInfo (by idno and by
 * phone), CustomerCheck (JSON) and KycChanged (each queuing a Money+ callback that the
 * process's outbox worker delivers to a real receiver) for BENCH_SOAK_S (default 180 s),
 * printing Midplat's RSS and the server's `Prepared_stmt_count` every BENCH_SOAK_SAMPLE_S
 * (default 30 s). Before the fix the count grew by about 27 a second and never fell; the
 * server's count is global, so other clients of the same server show in it too.
 */
export const benchmark: Benchmark = {
  name: 'statement-soak',
  description: `RSS and the server's prepared statements under a steady mixed load (${CLIENTS} clients, MariaDB)`,
  async run(): Promise<BenchResult> {
    const seconds = Number(process.env.BENCH_SOAK_S ?? 180);
    const sampleSeconds = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 30);
    const db = await scratchDatabase('mariadb');
    const secrets = new BenchSecrets();
    const children: RunningChild[] = [];
    const admin = await mysql.createConnection(MYSQL_SERVER);
    const preparedOnServer = async () => {
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'");
      return Number(rows[0]?.Value ?? 0);
    };
    try {
      await loadData(db.url);
      const receiver = await forkBenchServer('leastWork/webhookReceiver.js', {});
      children.push(receiver);
      const midplat = await startMidplatProcess({
        config: { ...secrets.configFor(`${receiver.url}/moneyplus/callback`), database: { url: db.url, poolMax: 10 } },
        logLevel: 'warn',
      });
      children.push(midplat);
      const pid = midplat.process.pid!;
      const acstkn = { 'content-type': 'application/json', acstkn: secrets.token };
      const requests: Array<(n: number) => [string, RequestInit]> = [
        (n) => ['/intranet/api/v1.0/createaccount/GetCreateInfo', { headers: acstkn, body: JSON.stringify({ idno: IDNOS[n % IDNOS.length] }) }],
        (n) => ['/intranet/api/v1.0/createaccount/GetCreateInfo', { headers: acstkn, body: JSON.stringify({ phone: PHONES[n % PHONES.length] }) }],
        (n) => ['/billing/CustomerCheck', {
          headers: { 'content-type': 'application/json', 'x-api-key': secrets.apiKey },
          body: JSON.stringify({ Version: '1.0.1', InstId: '00001', TranCode: 'CustomerCheck', TranDate: '20240101', TranSeq: String(n), billKey: BILL_KEYS[n % BILL_KEYS.length], companyId: '654321', queryType: '0' }),
        }],
        (n) => ['/intranet/api/v1.0/kyc/KycChanged', { headers: acstkn, body: JSON.stringify({ eventId: `soak-${n}`, uid: uidOf(n), occurredAt: 1700000000 + n, type: 'INFO', info: { name: `Soak User ${n}` } }) }],
      ];

      const samples: Array<{ at: number; rss: number; prepared: number; answered: number }> = [];
      let answered = 0;
      let failed = 0;
      let sent = 0;
      const started = performance.now();
      const sample = async () => {
        const at = (performance.now() - started) / 1000;
        samples.push({ at, rss: rssMiB(pid), prepared: await preparedOnServer(), answered });
        const last = samples[samples.length - 1]!;
        log(`+${at.toFixed(0)} s: RSS ${last.rss.toFixed(0)} MiB, server Prepared_stmt_count ${last.prepared}, ${answered} answered (${failed} failed)`);
      };
      await sample();
      const sampler = setInterval(() => void sample(), sampleSeconds * 1000);
      const client = async () => {
        while (performance.now() - started < seconds * 1000) {
          const n = (sent += 1);
          const [path, init] = requests[n % requests.length]!(n);
          const response = await fetch(`${midplat.url}${path}`, { method: 'POST', ...init });
          await response.arrayBuffer();
          if (response.status === 200) answered += 1;
          else failed += 1;
        }
      };
      try {
        await Promise.all(Array.from({ length: CLIENTS }, client));
      } finally {
        clearInterval(sampler);
      }
      await sample();
      const first = samples[0]!;
      const last = samples[samples.length - 1]!;
      const elapsed = last.at - first.at;
      const figures: BenchFigure[] = [
        { label: 'requests answered 200 (mixed)', value: answered / elapsed, unit: 'req/s' },
        { label: 'requests answered otherwise', value: failed, unit: 'requests' },
        { label: 'Midplat RSS at start', value: first.rss, unit: 'MiB' },
        { label: `Midplat RSS after ${elapsed.toFixed(0)} s`, value: last.rss, unit: 'MiB' },
        { label: 'server Prepared_stmt_count at start (Midplat up, idle)', value: first.prepared, unit: 'statements' },
        { label: `server Prepared_stmt_count after ${elapsed.toFixed(0)} s`, value: last.prepared, unit: 'statements' },
        { label: 'server Prepared_stmt_count, highest sample', value: Math.max(...samples.map((entry) => entry.prepared)), unit: 'statements' },
      ];
      return { name: 'statement-soak', figures, ratios: [] };
    } finally {
      await admin.end();
      for (const child of [...children].reverse()) await child.stop();
      await db.drop();
    }
  },
};
