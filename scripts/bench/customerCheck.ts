import iconv from 'iconv-lite';
import { loadBenchData } from './benchData.js';
import type { Benchmark, BenchFigure, BenchRatio } from './BenchResult.js';
import { BenchSecrets, forkBenchServer, median, startMidplatProcess, type RunningChild } from './childServer.js';
import { alternatingRounds, cpuFigures, scratchDatabase, timedLoad } from './postLoad.js';

/**
 * `npm run bench -- customer-check`: CustomerCheck GBK XML through the real Midplat process
 * (request logging on) against the least-work route (`leastWork/customerCheckRoute.ts`:
 * Koa and the database's own driver, same statement, same reply bytes), on MariaDB and on
 * SQLite, 32 connections, alternating rounds. Figures only; nothing here is a test.
 */
const CONNECTIONS = 32;
export const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2000);
const PATH = '/billing/CustomerCheck';
const log = (line: string) => process.stderr.write(`[customer-check] ${line}\n`);

export const request = (billKey: string) =>
  iconv.encode(
    `<?xml version="1.0" encoding="GBK"?>\n<in>\n  <Version>1.0.1</Version>\n  <InstId>00001</InstId>\n  <TranCode>CustomerCheck</TranCode>\n` +
      `  <TranDate>20240101</TranDate>\n  <TranSeq>123456789012</TranSeq>\n  <billKey>${billKey}</billKey>\n  <companyId>654321</companyId>\n` +
      `  <queryType>0</queryType>\n  <contractNo></contractNo>\n  <filed1>备注</filed1>\n  <filed2></filed2>\n</in>\n`,
    'gbk',
  );

export const billKeyOf = (n: number) => `B${String(n % CUSTOMERS).padStart(6, '0')}`;

export function customers(): object[] {
  return Array.from({ length: CUSTOMERS }, (_, i) => ({
    companyId: '654321',
    billKey: billKeyOf(i),
    contractNo: `C${String(i).padStart(6, '0')}`,
    customerName: i % 2 ? '张三' : '吉𠮷',
    customerPhone: '13812345678',
    customerAddress: '北京市朝阳区建国路88号',
    customerStatus: '1',
    serviceStatus: '1',
    registerDate: '20200101',
    payments: Array.from({ length: 24 }, (_, m) => ({ payDate: `202${2 + Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}15`, amount: 15000 + m })),
  }));
}

async function replyOf(url: string, apiKey: string, body: Buffer): Promise<Buffer> {
  const response = await fetch(`${url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/xml', 'x-api-key': apiKey }, body: new Uint8Array(body) });
  const reply = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url}: CustomerCheck answered ${response.status}: ${reply.toString('latin1')}`);
  return reply;
}

async function runOn(kind: 'mariadb' | 'sqlite', seconds: number, rounds: number): Promise<{ figures: BenchFigure[]; ratios: BenchRatio[] }> {
  const db = await scratchDatabase(kind);
  const secrets = new BenchSecrets();
  const children: RunningChild[] = [];
  try {
    await loadBenchData(db.url, { billingCustomers: customers() });
    const midplat = await startMidplatProcess({ config: { ...secrets.configFor(), database: { url: db.url, poolMax: 10 } }, cpuProfileDir: process.env.BENCH_CPU_PROF_DIR });
    children.push(midplat);
    const leastWork = await forkBenchServer('leastWork/customerCheckRoute.js', { DATABASE_URL: db.url, API_KEY: secrets.apiKey, POOL_MAX: '10' }, process.env.BENCH_CPU_PROF_DIR);
    children.push(leastWork);
    for (const n of [0, 1, 7]) {
      const [ours, theirs] = [await replyOf(midplat.url, secrets.apiKey, request(billKeyOf(n))), await replyOf(leastWork.url, secrets.apiKey, request(billKeyOf(n)))];
      if (!ours.equals(theirs)) throw new Error(`${kind}: the replies differ for ${billKeyOf(n)}:\n${ours.toString('latin1')}\n${theirs.toString('latin1')}`);
    }
    log(`${kind}: Midplat and the least-work route answer the same bytes`);
    const bodies = Array.from({ length: CUSTOMERS }, (_, n) => request(billKeyOf(n)));
    let sent = 0;
    const load = (url: string, duration = seconds) =>
      timedLoad({
        url, path: PATH, connections: CONNECTIONS, seconds: duration,
        headers: { 'content-type': 'application/xml', 'x-api-key': secrets.apiKey },
        nextBody: () => bodies[(sent += 1) % CUSTOMERS]!,
      });
    await load(midplat.url, 3);
    await load(leastWork.url, 3);
    const result = await alternatingRounds(
      rounds,
      { load: () => load(midplat.url), pid: midplat.process.pid },
      { load: () => load(leastWork.url), pid: leastWork.process.pid },
      (line) => log(`${kind} ${line}`),
    );
    return {
      figures: [
        { label: `Midplat CustomerCheck on ${kind} req/s (median)`, value: median(result.ours.map((r) => r.requestsPerSecond)), unit: 'req/s' },
        { label: `Midplat CustomerCheck on ${kind} p99 (median)`, value: median(result.ours.map((r) => r.p99Ms)), unit: 'ms' },
        { label: `least-work route on ${kind} req/s (median)`, value: median(result.theirs.map((r) => r.requestsPerSecond)), unit: 'req/s' },
        { label: `least-work route on ${kind} p99 (median)`, value: median(result.theirs.map((r) => r.p99Ms)), unit: 'ms' },
        ...cpuFigures(result, `Midplat on ${kind}`, `least-work route on ${kind}`),
      ],
      ratios: [{ label: `CustomerCheck on ${kind} / least-work route (median of per-round ratios)`, value: result.ratio, target: 0.6 }],
    };
  } finally {
    for (const child of children) await child.stop();
    await db.drop();
  }
}

export const benchmark: Benchmark = {
  name: 'customer-check',
  description: `CustomerCheck GBK XML (${CUSTOMERS} customers × 24 payments, ${CONNECTIONS} connections) vs the least-work Koa route on the same driver, MariaDB and SQLite`,
  async run() {
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const figures: BenchFigure[] = [];
    const ratios: BenchRatio[] = [];
    // BENCH_DATABASES=sqlite (or mariadb) runs one of the two, e.g. for a CPU profile.
    const kinds = (['mariadb', 'sqlite'] as const).filter((kind) => (process.env.BENCH_DATABASES ?? 'mariadb,sqlite').split(',').includes(kind));
    for (const kind of kinds) {
      const run = await runOn(kind, seconds, rounds);
      figures.push(...run.figures);
      ratios.push(...run.ratios);
    }
    return { name: 'customer-check', figures, ratios };
  },
};
