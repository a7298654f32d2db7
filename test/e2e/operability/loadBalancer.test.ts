import { expect } from 'chai';
import { LOG_FLUSH_INTERVAL_MS } from '../../../adapters/logging/Logger.js';
import mysql from 'mysql2/promise';
import { outField, postBilling } from '../../support/customerCheckHttp.js';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { FakeMoneyPlusServer } from '../../support/FakeMoneyPlusServer.js';
import { freePort } from '../../support/freePort.js';
import { checkHaproxyConfig, HaproxyProcess, SAMPLE_CONFIG, sampleConfigFor } from '../../support/HaproxyProcess.js';
import { postJson } from '../../support/http.js';
import { BILLING_API_KEY, IVR, KYC, KYC_CHANGED, nameChange, scaleOutConfig, scaleOutFixture, seedThroughScript, UPGRADE } from '../../support/scaleOut.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';

const UIDS = ['U01', 'U02', 'U03', 'U04', 'U05', 'U06'];
const EVENTS_PER_PHASE = 4;
const MEMBERS_BY_PHASE = [['M01', 'M02', 'M03', 'M04'], ['M05', 'M06', 'M07', 'M08'], ['M09', 'M10', 'M11', 'M12']];
/** Its decision is taken by the process that gets killed while DA21 is answering it. */
const CUT_MEMBER = 'MCUT';
const BILL_KEYS = ['B00001', 'B00002', 'B00003'];
/** Short, so the test waits little for what a killed process held: its outbox leases and its upgrade claim (esb.timeoutMs + 2 s). */
const LEASE_MS = 4000;
const ESB_TIMEOUT_MS = 3000;

type Da21Request = { amheader: { TransactionID: string }; ambody: { AcctInfoModRq: { CustInfo: { ArrngId: string } } } };
/** The member a DA21 call is for: the fixture's account ids are `ACC-<memberId>`. */
const memberOf = (request: Record<string, unknown>) => (request as Da21Request).ambody.AcctInfoModRq.CustInfo.ArrngId.replace(/^ACC-/, '');

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** One HTTP attempt of the test's load: which phase, its request id (to find which process logged it), what came back. */
interface Attempt {
  readonly phase: number;
  readonly requestId: string;
  readonly first: boolean;
  readonly status: number;
  /** When its answer (or failure) arrived. */
  readonly at: number;
}

/**
 * Two Midplat processes (`node dist/scripts/start.js`) on one MariaDB behind a real HAProxy
 * running the sample `deploy/haproxy.cfg` (health check on /readyz); one process is killed
 * (-9) in the middle of KycChanged, UpgradeAccount and CustomerCheck load through HAProxy.
 */
describe('two processes behind HAProxy, one killed mid-load (real processes, MariaDB)', function () {
  this.timeout(240000);
  let database: TestDatabase;
  let esb: FakeEsbServer;
  let moneyPlus: FakeMoneyPlusServer;
  let haproxy: HaproxyProcess;
  let victim: ServiceProcess;
  let survivor: ServiceProcess;
  let victimUrl: string;
  const attempts: Attempt[] = [];
  /** Each member's final answer, and each (uid, n) event answered 200. */
  const upgradeAnswers = new Map<string, number>();
  const answeredEvents: Array<{ uid: string; n: number }> = [];
  let statesAfterKill: Record<string, string> = {};
  let killedAt = 0;
  let requestCounter = 0;

  /** Sends until answered as `accepted` (bounded): a cut connection, a 502 of the balancer or a 409 in progress is tried again. */
  async function untilAccepted(phase: number, send: (requestId: string) => Promise<Reply>, accepted = (reply: Reply) => reply.status === 200): Promise<Reply> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const requestId = `lb-${(requestCounter += 1)}`;
      const reply = await send(requestId).catch((): Reply => ({ status: 0, body: 'connection failed' }));
      attempts.push({ phase, requestId, first: attempt === 0, status: reply.status, at: Date.now() });
      if (accepted(reply)) return reply;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`phase ${phase}: not accepted after 100 attempts`);
  }

  const kycEvents = (phase: number) =>
    Promise.all(
      UIDS.map(async (uid) => {
        // One uid's events one after the other: each is sent once the one before it is answered.
        for (let n = (phase - 1) * EVENTS_PER_PHASE + 1; n <= phase * EVENTS_PER_PHASE; n += 1) {
          await untilAccepted(phase, (requestId) => postJson(`${haproxy.url}${KYC_CHANGED}`, nameChange(uid, n), { ...KYC, 'x-request-id': requestId }));
          answeredEvents.push({ uid, n });
        }
      }),
    );

  const upgrade = (phase: number, memberId: string, baseUrl = haproxy.url) =>
    untilAccepted(phase, (requestId) => postJson(`${baseUrl}${UPGRADE}`, { memberId, isPass: true }, { ...IVR, 'x-request-id': requestId })).then((reply) => {
      upgradeAnswers.set(memberId, reply.status);
    });
  /** Each member's decision asked twice at once: the balancer sends the two to either process. */
  const upgrades = (phase: number, members: readonly string[]) => Promise.all(members.flatMap((memberId) => [upgrade(phase, memberId), upgrade(phase, memberId)]));

  const customerChecks = (phase: number) =>
    Promise.all(
      BILL_KEYS.flatMap((billKey) => [billKey, billKey]).map((billKey) =>
        untilAccepted(
          phase,
          async (requestId) => {
            const body =
              '<?xml version="1.0" encoding="UTF-8"?><in><Version>1.0.1</Version><InstId>00001</InstId><TranCode>CustomerCheck</TranCode>' +
              `<TranDate>20240101</TranDate><TranSeq>1</TranSeq><billKey>${billKey}</billKey><companyId>654321</companyId><queryType>0</queryType></in>`;
            const reply = await postBilling(haproxy.url, body, { 'content-type': 'application/xml', 'x-api-key': BILLING_API_KEY, 'x-request-id': requestId });
            return { status: reply.status, body: outField(reply.bytes, 'RespCode') };
          },
          (reply) => reply.status === 200 && reply.body === 'AAAAAAA',
        ),
      ),
    );

  /** The process that logged the request (`victim`, `survivor`), or undefined when none answered it. */
  const servedBy = (requestId: string) =>
    [['victim', victim], ['survivor', survivor]].find(([, service]) => (service as ServiceProcess).logs.some((line) => line.msg === 'request' && line.requestId === requestId))?.[0];

  before(async () => {
    database = await createTestDatabase('mariadb');
    esb = new FakeEsbServer();
    moneyPlus = new FakeMoneyPlusServer();
    const esbUrl = await esb.start();
    await moneyPlus.start();
    const [victimPort, survivorPort] = [await freePort(), await freePort()];
    // Each process its own ESB path and callback query, so the fakes can tell who called.
    const configOf = (name: string, port: number) =>
      scaleOutConfig(
        { databaseUrl: database.url, esbUrl: `${esbUrl}/${name}`, moneyPlusUrl: `${moneyPlus.url}?process=${name}` },
        {
          http: { port },
          esb: { timeoutMs: ESB_TIMEOUT_MS },
          // One delivery in flight per process: with deliveries held, both processes hold one each.
          outbox: { leaseMs: LEASE_MS, backoffMs: [200], batchSize: 1 },
          moneyPlus: { timeoutMs: 2000 },
        },
      );
    await seedThroughScript(
      configOf('victim', victimPort),
      scaleOutFixture({ memberIds: [...MEMBERS_BY_PHASE.flat(), CUT_MEMBER], uids: UIDS, billKeys: BILL_KEYS }),
    );
    victim = ServiceProcess.spawn(configOf('victim', victimPort));
    survivor = ServiceProcess.spawn(configOf('survivor', survivorPort));
    victimUrl = await victim.listening();
    await survivor.listening();
    haproxy = await HaproxyProcess.start((ports) => sampleConfigFor([`127.0.0.1:${victimPort}`, `127.0.0.1:${survivorPort}`], ports));
    await waitFor('HAProxy to see both processes up', async () => {
      const states = await haproxy.serverStates();
      return states['midplat/midplat1'] === 'UP' && states['midplat/midplat2'] === 'UP';
    }, 20000);

    // Phase 1: both processes up.
    await Promise.all([kycEvents(1), upgrades(1, MEMBERS_BY_PHASE[0]!), customerChecks(1)]);

    // Phase 2: deliveries and DA21 held while the load goes on, until the victim holds one of each; then it is killed.
    let releaseEsb!: () => void;
    let releaseMoneyPlus!: () => void;
    esb.gate = new Promise((resolve) => (releaseEsb = resolve));
    moneyPlus.gate = new Promise((resolve) => (releaseMoneyPlus = resolve));
    const victimDeliveries = () => moneyPlus.received.filter((callback) => callback.url.endsWith('process=victim')).length;
    const deliveredBefore = victimDeliveries();
    const phaseTwo = Promise.all([kycEvents(2), customerChecks(2)]);
    const cut = postJson(`${victimUrl}${UPGRADE}`, { memberId: CUT_MEMBER, isPass: true }, IVR).catch(() => undefined);
    const cutCallHeld = () => esb.requests.some((request, index) => esb.paths[index] === '/esb/victim' && memberOf(request) === CUT_MEMBER);
    await waitFor('the victim to be inside a DA21 call and a Money+ delivery', () => cutCallHeld() && victimDeliveries() > deliveredBefore, 30000);
    killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await victim.exited;
    releaseEsb();
    releaseMoneyPlus();
    esb.gate = undefined;
    moneyPlus.gate = undefined;
    await Promise.all([phaseTwo, upgrades(2, MEMBERS_BY_PHASE[1]!), upgrade(2, CUT_MEMBER), cut]);

    // Phase 3: once HAProxy has taken the dead process out.
    await waitFor('HAProxy to take the killed process out', async () => (await haproxy.serverStates())['midplat/midplat1'] === 'DOWN', 20000);
    statesAfterKill = await haproxy.serverStates();
    await Promise.all([kycEvents(3), upgrades(3, MEMBERS_BY_PHASE[2]!), customerChecks(3)]);
  });

  after(async () => {
    await haproxy?.stop();
    await victim?.kill();
    await survivor?.kill();
    await esb?.stop();
    await moneyPlus?.stop();
    await database?.drop();
  });

  it('delivers every KycChanged answered 200 to Money+, in order per uid; a repeat carries the same webhook-id', async () => {
    expect(answeredEvents).to.have.length(UIDS.length * 3 * EVENTS_PER_PHASE);
    // DONE means Money+ answered a live process. What the killed one held waits for its leases to run out.
    const connection = await mysql.createConnection(database.url);
    try {
      await waitFor('every message delivered', async () => {
        const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT status, COUNT(*) AS count FROM outbox_messages GROUP BY status');
        return rows.length === 1 && rows[0]!.status === 'DONE' && Number(rows[0]!.count) === answeredEvents.length;
      }, LEASE_MS * 10);
    } finally {
      await connection.end();
    }

    // Every attempt at a uid's message n, in arrival order: n never goes back (SPEC 7: a later message
    // is not sent while an earlier one is pending or retrying), though one n may come more than once.
    const arrivals = new Map<string, number[]>();
    const webhookIdOf = new Map<string, Set<string>>();
    const bodiesOf = new Map<string, Set<string>>();
    for (const callback of moneyPlus.received) {
      const uid = String(callback.json.uid);
      const n = Number((callback.json.data as { name: string }).name.replace('Scale User ', ''));
      const webhookId = String(callback.headers['webhook-id']);
      const key = `${uid}#${n}`;
      arrivals.set(uid, [...(arrivals.get(uid) ?? []), n]);
      webhookIdOf.set(key, new Set([...(webhookIdOf.get(key) ?? []), webhookId]));
      bodiesOf.set(webhookId, new Set([...(bodiesOf.get(webhookId) ?? []), callback.body]));
    }
    for (const { uid, n } of answeredEvents) expect(webhookIdOf.has(`${uid}#${n}`), `${uid} event ${n} at Money+`).to.equal(true);
    const everyN = Array.from({ length: 3 * EVENTS_PER_PHASE }, (_, index) => index + 1);
    for (const uid of UIDS) {
      const sequence = arrivals.get(uid) ?? [];
      expect(sequence, `${uid}: attempts in arrival order`).to.deep.equal([...sequence].sort((a, b) => a - b));
      expect([...new Set(sequence)], uid).to.deep.equal(everyN);
    }
    for (const [key, ids] of webhookIdOf) expect(ids.size, `webhook-ids of ${key}`).to.equal(1);
    for (const [webhookId, bodies] of bodiesOf) expect(bodies.size, `bodies of ${webhookId}`).to.equal(1);
    // The delivery the killed process held came again from the survivor, under the same webhook-id.
    const fromVictim = new Set(moneyPlus.received.filter((callback) => callback.url.endsWith('process=victim')).map((callback) => callback.headers['webhook-id']));
    const repeated = moneyPlus.received.filter((callback) => callback.url.endsWith('process=survivor') && fromVictim.has(callback.headers['webhook-id']));
    expect(repeated.length, 'deliveries the survivor took over').to.be.greaterThan(0);
  });

  it("makes one DA21 call per member's decision; the call cut by the kill is made again once, with the same TransactionID", async () => {
    const members = [...MEMBERS_BY_PHASE.flat(), CUT_MEMBER];
    expect(Object.fromEntries(upgradeAnswers)).to.deep.equal(Object.fromEntries(members.map((memberId) => [memberId, 200])));
    const calls = new Map<string, Array<{ transactionId: string; path: string }>>();
    esb.requests.forEach((request, index) => {
      const memberId = memberOf(request);
      calls.set(memberId, [...(calls.get(memberId) ?? []), { transactionId: (request as Da21Request).amheader.TransactionID, path: esb.paths[index]! }]);
    });
    expect([...calls.keys()].sort()).to.deep.equal([...members].sort());
    for (const memberId of members.filter((member) => member !== CUT_MEMBER)) expect(calls.get(memberId), memberId).to.have.length(1);
    const cut = calls.get(CUT_MEMBER)!;
    expect(cut.map((call) => call.path)).to.deep.equal(['/esb/victim', '/esb/survivor']);
    expect(cut[1]!.transactionId).to.equal(cut[0]!.transactionId);

    const connection = await mysql.createConnection(database.url);
    try {
      const [rows] = await connection.query('SELECT DISTINCT status FROM edda_checks');
      expect(rows).to.deep.equal([{ status: 'CustomerSuccess' }]);
    } finally {
      await connection.end();
    }
  });

  it('HAProxy takes the killed process out and the load goes on through the other one', async () => {
    const phaseOne = attempts.filter((attempt) => attempt.phase === 1);
    // Before the kill the balancer used both; every answer of that phase came from one of them. Logs
    // leave through a buffer written at least every LOG_FLUSH_INTERVAL_MS: only the victim's last
    // lines before its SIGKILL may be missing (the margin is for a slow machine's timers).
    const unlogged = phaseOne.filter((attempt) => servedBy(attempt.requestId) === undefined);
    for (const attempt of unlogged) expect(killedAt - attempt.at, `${attempt.requestId} answered but logged by neither`).to.be.below(LOG_FLUSH_INTERVAL_MS + 2000);
    expect(new Set(phaseOne.map((attempt) => servedBy(attempt.requestId)).filter((server) => server !== undefined))).to.deep.equal(new Set(['victim', 'survivor']));
    expect(statesAfterKill).to.include({ 'midplat/midplat1': 'DOWN', 'midplat/midplat2': 'UP' });
    const phaseThree = attempts.filter((attempt) => attempt.phase === 3);
    // The survivor's last lines may still sit in its log buffer for up to LOG_FLUSH_INTERVAL_MS.
    await waitFor('the survivor to write its buffered log lines', () => phaseThree.every((attempt) => servedBy(attempt.requestId) !== undefined), LOG_FLUSH_INTERVAL_MS + 5000).catch(() => undefined);
    expect(phaseThree.length).to.equal(UIDS.length * EVENTS_PER_PHASE + MEMBERS_BY_PHASE[2]!.length * 2 + BILL_KEYS.length * 2);
    for (const attempt of phaseThree) {
      expect(attempt, attempt.requestId).to.include({ first: true, status: 200 });
      expect(servedBy(attempt.requestId), attempt.requestId).to.equal('survivor');
    }
  });

  it('ships deploy/haproxy.cfg valid as it is (haproxy -c)', async () => {
    await checkHaproxyConfig(SAMPLE_CONFIG);
  });
});
