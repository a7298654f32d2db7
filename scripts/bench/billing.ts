import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Router from '@koa/router';
import autocannon from 'autocannon';
import iconv from 'iconv-lite';
import Koa from 'koa';
import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import { createTestDatabase, type DatabaseKind } from '../../test/support/testDatabases.js';
import type { Benchmark, BenchFigure } from './BenchResult.js';

/**
 * `npm run bench -- billing`: CustomerCheck through the real listening Midplat (request
 * logging on, to a sink) against a bare Koa route answering the same GBK bytes, same run,
 * autocannon in a worker thread. Env: BENCH_DATABASE=sqlite|mariadb, BENCH_DURATION_S,
 * BENCH_CUSTOMERS, BENCH_LOG_LEVEL. Figures only; nothing here is a test.
 */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 10;
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2000);
const API_KEY = 'demo-billing-api-key-00001';
const PATH = '/billing/CustomerCheck';

export const request = (billKey: string) =>
  iconv.encode(
    `<?xml version="1.0" encoding="GBK"?>\n<in>\n  <Version>1.0.1</Version>\n  <InstId>00001</InstId>\n  <TranCode>CustomerCheck</TranCode>\n` +
      `  <TranDate>20240101</TranDate>\n  <TranSeq>123456789012</TranSeq>\n  <billKey>${billKey}</billKey>\n  <companyId>654321</companyId>\n` +
      `  <queryType>0</queryType>\n  <contractNo></contractNo>\n  <filed1>备注</filed1>\n  <filed2></filed2>\n</in>\n`,
    'gbk',
  );

function customers(): object[] {
  return Array.from({ length: CUSTOMERS }, (_, i) => ({
    companyId: '654321',
    billKey: `B${String(i).padStart(6, '0')}`,
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

async function listenBareKoa(reply: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Koa();
  const router = new Router();
  router.post(PATH, async (ctx) => {
    // Reads the request as any real route must, then answers the fixed bytes.
    for await (const chunk of ctx.req) void chunk;
    ctx.set('Content-Type', 'application/xml; charset=GBK');
    ctx.body = reply;
  });
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  app.use(router.routes());
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** autocannon in a worker thread, so the load generator does not share the server's event loop. */
async function fire(url: string, body: Buffer | undefined, path = PATH): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `${url}${path}`,
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/xml', 'x-api-key': API_KEY } : {},
    body: body?.toString('latin1'),
    connections: CONNECTIONS,
    duration: DURATION_S,
    workers: 1,
  } as autocannon.Options);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

async function startMidplat(kind: DatabaseKind): Promise<{ service: MidplatService; drop: () => Promise<void> }> {
  const database =
    kind === 'sqlite'
      ? (() => {
          const file = join(tmpdir(), `midplat_bench_${process.pid}.sqlite`);
          return { url: `sqlite:${file}`, drop: async () => ['', '-wal', '-shm'].forEach((s) => rmSync(`${file}${s}`, { force: true })) };
        })()
      : await createTestDatabase('mariadb');
  const config = loadConfig({}, { http: { port: 0 }, database: { url: database.url }, log: { level: process.env.BENCH_LOG_LEVEL ?? 'info' }, demo: { loadOnStart: false } });
  // Request logs are written as in production, to a sink that costs what serialising costs.
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const service = new MidplatService(config, { logDestination: sink });
  await service.prepare();
  await service.container.get(FixtureLoader).load({ billingCustomers: customers() });
  return { service, drop: database.drop };
}

export const benchmark: Benchmark = {
  name: 'billing',
  description: `CustomerCheck GBK-XML round trips (autocannon, ${CONNECTIONS} connections, ${DURATION_S}s, ${CUSTOMERS} customers × 24 payments, BENCH_DATABASE=${process.env.BENCH_DATABASE ?? 'sqlite'}) vs a bare Koa route answering fixed GBK XML`,
  async run() {
    const kind = (process.env.BENCH_DATABASE ?? 'sqlite') as DatabaseKind;
    const { service, drop } = await startMidplat(kind);
    const address = await service.start();
    const midplatUrl = `http://127.0.0.1:${address.port}`;
    const body = request(`B${String(Math.floor(CUSTOMERS / 2)).padStart(6, '0')}`);
    const sample = await fetch(`${midplatUrl}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/xml', 'x-api-key': API_KEY }, body: new Uint8Array(body) });
    const reply = Buffer.from(await sample.arrayBuffer());
    if (sample.status !== 200) throw new Error(`CustomerCheck answered ${sample.status}: ${reply.toString('latin1')}`);
    const bare = await listenBareKoa(reply);
    try {
      await fire(midplatUrl, body); // warm-up: JIT, statement caches, connection pool
      const ours = await fire(midplatUrl, body);
      const baseline = await fire(bare.url, body);
      // The floor under any route: Midplat's own stack (request id, access log, metrics,
      // shutdown tracking) answering a constant, against the same answer from bare Koa.
      const stackFloor = await fire(midplatUrl, undefined, '/healthz');
      const bareFloor = await fire(bare.url, undefined, '/healthz');
      const figure = (label: string, value: number, unit: string): BenchFigure => ({ label, value, unit });
      return {
        name: 'billing',
        figures: [
          figure(`CustomerCheck on ${kind}: requests/s`, ours.requests.average, 'req/s'),
          figure(`CustomerCheck on ${kind}: latency p50`, ours.latency.p50, 'ms'),
          figure(`CustomerCheck on ${kind}: latency p99`, ours.latency.p99, 'ms'),
          figure('bare Koa fixed GBK reply: requests/s', baseline.requests.average, 'req/s'),
          figure('bare Koa fixed GBK reply: latency p50', baseline.latency.p50, 'ms'),
          figure('bare Koa fixed GBK reply: latency p99', baseline.latency.p99, 'ms'),
          figure('Midplat GET /healthz: requests/s', stackFloor.requests.average, 'req/s'),
          figure('bare Koa GET /healthz: requests/s', bareFloor.requests.average, 'req/s'),
          figure('Midplat stack alone, /healthz / bare Koa (the ceiling of any route, no target)', stackFloor.requests.average / bareFloor.requests.average, 'x'),
          figure('machine load average (1 min) at the end', loadavg()[0] ?? 0, 'runnable'),
        ],
        ratios: [{ label: 'CustomerCheck / bare Koa requests/s', value: ours.requests.average / baseline.requests.average, target: 0.6 }],
      };
    } finally {
      await bare.close();
      await service.stop();
      await drop();
    }
  },
};
