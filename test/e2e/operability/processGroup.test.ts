import { expect } from 'chai';
import mysql from 'mysql2/promise';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { FakeMoneyPlusServer } from '../../support/FakeMoneyPlusServer.js';
import { getOnNewConnection, postJson } from '../../support/http.js';
import { parsePrometheusText, sampleValue } from '../../support/prometheusText.js';
import { IVR, KYC, KYC_CHANGED, nameChange, processAlive, scaleOutConfig, scaleOutFixture, seedThroughScript, UPGRADE } from '../../support/scaleOut.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';

/** `http.workers: 2` through the real `node dist/scripts/start.js`: a node:cluster primary and its two workers, on MariaDB. */
describe('a process group on one machine (http.workers 2, real processes, MariaDB)', function () {
  this.timeout(120000);
  let database: TestDatabase;
  let esb: FakeEsbServer;
  let moneyPlus: FakeMoneyPlusServer;
  let group: ServiceProcess;
  let baseUrl: string;
  let config: ReturnType<typeof scaleOutConfig>;

  const workerPids = () => group.logs.filter((line) => line.msg === 'worker started').map((line) => Number(line.processId));
  /** Which worker answered each request, from the request log lines (the answer carries the request id). */
  const workerOf = (requestId: string) => group.logs.find((line) => line.msg === 'request' && line.requestId === requestId)?.worker;
  const scrape = async () => {
    const reply = await getOnNewConnection(`${baseUrl}/metrics`);
    expect(reply.status, reply.body).to.equal(200);
    return parsePrometheusText(reply.body);
  };

  before(async () => {
    database = await createTestDatabase('mariadb');
    esb = new FakeEsbServer();
    moneyPlus = new FakeMoneyPlusServer();
    config = scaleOutConfig(
      { databaseUrl: database.url, esbUrl: await esb.start(), moneyPlusUrl: await moneyPlus.start() },
      { http: { workers: 2, shutdownGraceMs: 10000 } },
    );
    group = ServiceProcess.spawn(config);
    baseUrl = await group.groupListening();
    // After the start, so that the migrations the test sees are the primary's own.
    await seedThroughScript(config, scaleOutFixture({ memberIds: ['M0000000001'], uids: ['U1', 'U3'] }));
  });

  after(async () => {
    const pids = workerPids();
    await group?.kill();
    for (const pid of pids) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    await esb?.stop();
    await moneyPlus?.stop();
    await database?.drop();
  });

  it('migrates once, in the primary, before any worker starts; then two workers answer', async () => {
    const migrations = group.logs.filter((line) => line.msg === 'migrations applied');
    expect(migrations).to.have.length(1);
    expect(migrations[0]).to.include({ role: 'primary' });
    const firstWorkerLine = group.logs.findIndex((line) => line.worker !== undefined && line.role === undefined);
    expect(group.logs.indexOf(migrations[0]!)).to.be.lessThan(firstWorkerLine);

    // Each request on a new connection: the primary hands connections to the workers in turn.
    const served = new Set<unknown>();
    for (let attempt = 0; attempt < 40 && served.size < 2; attempt += 1) {
      const reply = await getOnNewConnection(`${baseUrl}/healthz`);
      expect(reply.status).to.equal(200);
      const requestId = String(reply.headers['x-request-id']);
      served.add(await waitFor('the request log line', () => workerOf(requestId)));
    }
    expect([...served].sort()).to.deep.equal([1, 2]);
  });

  it('answers /metrics for the whole group: requests of both workers summed, the outbox backlog counted once', async () => {
    const before = await scrape();
    const count = (samples: ReturnType<typeof parsePrometheusText>) =>
      sampleValue(samples, 'midplat_http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status: '200' });
    const servedBy = new Map<unknown, number>();
    for (let n = 0; n < 10; n += 1) {
      const reply = await getOnNewConnection(`${baseUrl}/healthz`);
      const worker = await waitFor('the request log line', () => workerOf(String(reply.headers['x-request-id'])));
      servedBy.set(worker, (servedBy.get(worker) ?? 0) + 1);
    }
    expect(servedBy.size, 'both workers served some of the ten').to.equal(2);
    // Two scrapes, whichever worker takes each: both see all ten.
    expect(count(await scrape()) - count(before)).to.equal(10);
    expect(count(await scrape()) - count(before)).to.equal(10);

    // One message that stays PENDING (Money+ asks to come back in 5 minutes): every worker counts the table.
    moneyPlus.behaviour = { kind: 'http-error', status: 503, retryAfter: '300' };
    const reply = await postJson(`${baseUrl}${KYC_CHANGED}`, nameChange('U1', 1), KYC);
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    await waitFor('the first delivery attempt', () => moneyPlus.received.length === 1);
    const samples = await scrape();
    expect(sampleValue(samples, 'midplat_outbox_messages', { status: 'pending' })).to.equal(1);
    expect(sampleValue(samples, 'midplat_cluster_workers')).to.equal(2);
    expect(sampleValue(samples, 'midplat_cluster_worker_restarts_total')).to.equal(0);
  });

  it('starts another worker when one is killed (-9): logged, counted, and the group goes on answering', async () => {
    const [victim] = workerPids();
    process.kill(victim!, 'SIGKILL');
    const died = await waitFor('the primary to see the worker die', () => group.logs.find((line) => line.msg === 'worker died; starting another' && line.processId === victim));
    expect(died).to.include({ signal: 'SIGKILL', slot: 0, restartInMs: 500 });
    // The first restart waits 500 ms; a worker then starts in a few seconds even on a loaded machine.
    await waitFor('a new worker in its place', () => group.logs.some((line) => line.msg === 'worker listening' && line.slot === 0 && line.processId !== victim), 60000);
    for (let n = 0; n < 6; n += 1) expect((await getOnNewConnection(`${baseUrl}/healthz`)).status).to.equal(200);
    const samples = await scrape();
    expect(sampleValue(samples, 'midplat_cluster_worker_restarts_total')).to.equal(1);
    expect(sampleValue(samples, 'midplat_cluster_workers')).to.equal(2);
  });

  it('passes SIGHUP to every worker: each reloads its configuration and says so', async () => {
    const reloadedBy = () => new Set(group.logs.filter((line) => line.msg === 'configuration reloaded').map((line) => line.worker));
    expect(reloadedBy().size).to.equal(0);
    group.child.kill('SIGHUP');
    await waitFor('both workers to reload', () => reloadedBy().size === 2, 30000);
    expect([...reloadedBy()].every((worker) => typeof worker === 'number')).to.equal(true);
    const samples = await scrape();
    expect(sampleValue(samples, 'midplat_config_reloads_total', { result: 'applied' })).to.equal(2);
    for (let n = 0; n < 4; n += 1) expect((await getOnNewConnection(`${baseUrl}/healthz`)).status).to.equal(200);
  });

  it('on SIGTERM lets the request and the delivery in flight finish, refuses new connections, then every process exits 0', async () => {
    let releaseEsb!: () => void;
    esb.gate = new Promise((resolve) => (releaseEsb = resolve));
    let releaseMoneyPlus!: () => void;
    moneyPlus.behaviour = { kind: 'success' };
    moneyPlus.gate = new Promise((resolve) => (releaseMoneyPlus = resolve));
    const event = await postJson(`${baseUrl}${KYC_CHANGED}`, nameChange('U3', 1), KYC);
    expect(event.status, JSON.stringify(event.body)).to.equal(200);
    const messageId = String(event.body.data.callbacks[0].messageId);
    await waitFor('the delivery in flight', () => moneyPlus.received.some((callback) => callback.headers['webhook-id'] === messageId));
    const upgrade = postJson(`${baseUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR);
    await waitFor('the DA21 call in flight', () => esb.requests.length === 1);
    const pids = workerPids().filter(processAlive);
    expect(pids).to.have.length(2);

    group.child.kill('SIGTERM');
    await waitFor('both workers to stop accepting', () => group.logs.filter((line) => line.msg === 'no longer accepting connections').length === 2);
    await waitFor('new connections refused', () =>
      getOnNewConnection(`${baseUrl}/healthz`).then(
        () => false,
        (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
      ),
    );
    releaseEsb();
    releaseMoneyPlus();
    const reply = await upgrade;
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    expect(await group.exited).to.deep.equal({ code: 0, signal: null });
    for (const pid of pids) expect(processAlive(pid), `worker ${pid}`).to.equal(false);
    expect(group.logs.filter((line) => line.msg === 'worker exited').map((line) => line.code)).to.deep.equal([0, 0]);
    // The delivery's outcome was recorded before its worker exited.
    const connection = await mysql.createConnection(database.url);
    try {
      const [rows] = await connection.execute('SELECT status FROM outbox_messages WHERE id = ?', [messageId]);
      expect(rows).to.deep.equal([{ status: 'DONE' }]);
    } finally {
      await connection.end();
    }
  });
});

describe('http.workers refused at start (real process)', function () {
  this.timeout(60000);
  let service: ServiceProcess | undefined;
  // In a hook, so that a start that is wrongly accepted (the test then times out) still ends its processes.
  afterEach(async () => {
    const pids = service?.logs.filter((line) => line.msg === 'worker started').map((line) => Number(line.processId)) ?? [];
    await service?.kill();
    for (const pid of pids) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  });
  for (const [label, config] of [
    ['neither a positive integer nor "auto"', { http: { port: 0, workers: 'two' }, database: { url: 'mysql://root@127.0.0.1:9/unused' } }],
    ['more than one on SQLite', { http: { port: 0, workers: 2 } }],
  ] as const) {
    it(`exits 2 naming http.workers: ${label}`, async () => {
      service = ServiceProcess.spawn({ esb: { url: 'http://127.0.0.1:9/esb' }, ...config });
      const { code } = await service.exited;
      expect(code, service.stderr).to.equal(2);
      expect(service.stderr).to.match(/^midplat: invalid configuration: config key http\.workers: must be /);
      expect(service.logs).to.deep.equal([]);
    });
  }
});
