import { expect } from 'chai';
import mysql from 'mysql2/promise';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { waitFor } from '../../support/waitFor.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const IVR = { acstkn: 'demo-ivr-token' };
const TIMEOUT_MS = 1500;
/** Shorter than the deadline: once a probe's deadline is spent, the circuit is past openMs as well. */
const OPEN_MS = 1000;

/**
 * Issue 20 item 1 end to end: the ESB recovers after an outage while the database is slow, so
 * the half-open probe spends its whole deadline waiting for a row lock and never reaches the
 * ESB. Upgrades must succeed again afterwards, in the same process. MariaDB: the slowness is
 * a row lock the test holds on the member's EDDA check.
 */
describe('UpgradeAccount after an ESB outage ending while the database is slow, on mariadb (e2e)', function () {
  this.timeout(60000);
  let esb: FakeEsbServer;
  let midplat: TestService;

  before(async () => {
    esb = new FakeEsbServer();
    const esbUrl = await esb.start();
    midplat = await startTestService('mariadb', {
      esb: { adapter: 'http', url: esbUrl, timeoutMs: TIMEOUT_MS, circuitBreaker: { failuresToOpen: 2, openMs: OPEN_MS, halfOpenProbes: 1 } },
    });
    await midplat.service.container.get(FixtureLoader).load({
      members: ['OUTAGE1', 'SLOWPROBE1', 'AFTER1', 'AFTER2'].map((memberId) => aMemberFixture({ memberId })),
    });
  });

  after(async () => {
    await midplat.stop();
    await esb.stop();
  });

  const upgrade = (memberId: string) => postJson(`${midplat.baseUrl}${UPGRADE}`, { memberId, isPass: true }, IVR);
  const answerOf = (reply: { status: number; body: { error?: { error_code?: string } } }) => `${reply.status} ${reply.body.error?.error_code ?? 'OK'}`;

  /** Holds the member's EDDA check locked (SELECT … FOR UPDATE) on a connection of the test's own until `release`. */
  async function lockEddaCheck(memberId: string) {
    const connection = await mysql.createConnection(midplat.database.url);
    await connection.beginTransaction();
    await connection.query('SELECT id FROM edda_checks WHERE member_id = ? FOR UPDATE', [memberId]);
    return {
      /** Whether another connection (Midplat's claim) is running its locking read on this database: it waits for this lock. */
      blocksSomeone: async () => {
        const [rows] = await connection.query<mysql.RowDataPacket[]>(
          "SELECT 1 FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE '%FROM edda_checks%FOR UPDATE'",
        );
        return rows.length > 0;
      },
      release: async () => {
        await connection.commit();
        await connection.end();
      },
    };
  }

  it('a probe whose deadline a row lock used up gives its slot back: upgrades succeed again without a restart', async () => {
    esb.behaviour = { kind: 'http-error', status: 503 };
    const outage: string[] = [];
    for (let call = 0; call < 3; call += 1) outage.push(answerOf(await upgrade('OUTAGE1')));
    expect(outage).to.deep.equal(['502 ESB_DA21_FAILED', '502 ESB_DA21_FAILED', '503 ESB_UNAVAILABLE']);

    // The ESB is healthy again, but the database is slow: the next upgrade's claim waits on a row lock.
    esb.behaviour = { kind: 'success' };
    const requestsBefore = esb.requests.length;
    const lock = await lockEddaCheck('SLOWPROBE1');
    const started = Date.now();
    const probe = upgrade('SLOWPROBE1');
    try {
      await waitFor('the upgrade to wait on the row lock', () => lock.blocksSomeone());
      // Held past the DA21 deadline (and so past openMs): bounded by the mechanism under test, with room.
      await waitFor('the deadline to be spent', () => Date.now() - started > TIMEOUT_MS + 300);
    } finally {
      await lock.release();
    }
    expect(answerOf(await probe)).to.equal('504 ESB_TIMEOUT');
    expect(esb.requests).to.have.length(requestsBefore);
    const changes = midplat.logs.filter((line) => line.msg === 'esb circuit breaker state changed').map((line) => `${String(line.from)}>${String(line.to)}`);
    expect(changes).to.deep.equal(['closed>open', 'open>half-open']);

    // Before the fix each of these answered 503 ESB_UNAVAILABLE until the process restarted.
    const after: string[] = [];
    for (const memberId of ['AFTER1', 'AFTER2', 'SLOWPROBE1']) after.push(answerOf(await upgrade(memberId)));
    expect(after).to.deep.equal(['200 OK', '200 OK', '200 OK']);
    expect(esb.requests).to.have.length(requestsBefore + 3);
    const changesAfter = midplat.logs.filter((line) => line.msg === 'esb circuit breaker state changed').map((line) => String(line.to));
    expect(changesAfter.at(-1)).to.equal('closed');
  });
});
