import { expect } from 'chai';
import { loadConfig } from '../../../config/loadConfig.js';
import { MidplatService } from '../../../config/MidplatService.js';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { ScratchMariaDb } from '../../support/ScratchMariaDb.js';
import { expireUpgradeClaim, upgradeClaimOf } from '../../support/upgradeClaim.js';
import { waitFor } from '../../support/waitFor.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const IVR = { acstkn: 'demo-ivr-token' };
/** A decision's claim lasts timeoutMs + 2 s: far longer than a database restart on a loaded machine. */
const TIMEOUT_MS = 30000;
const CLAIM_MS = TIMEOUT_MS + 2000;

/**
 * The database goes away under a running service (a MariaDB server of the test's own,
 * stopped and started again): readiness and the API say 503, nothing is half-written,
 * and everything recovers without a restart of the service.
 */
describe('database outage (e2e, MariaDB)', function () {
  this.timeout(120000);
  let server: ScratchMariaDb;
  let esb: FakeEsbServer;
  let service: MidplatService;
  let baseUrl: string;
  let databaseUrl: string;

  const readyz = async () => (await fetch(`${baseUrl}/readyz`)).status;
  const upgrade = (memberId: string) => postJson(`${baseUrl}${UPGRADE}`, { memberId, isPass: true }, IVR);
  const eddaStatusOf = async (memberId: string) => (await upgradeClaimOf(databaseUrl, memberId)).status;
  const readyAgain = () => waitFor('readyz 200 after the restart', async () => (await readyz()) === 200, 60000);

  before(async () => {
    server = await ScratchMariaDb.create();
    await server.start();
    databaseUrl = await server.createDatabase('midplat_outage');
    esb = new FakeEsbServer();
    const esbUrl = await esb.start();
    const config = loadConfig(
      {},
      {
        http: { port: 0 },
        database: { url: databaseUrl },
        log: { level: 'silent' },
        demo: { loadOnStart: true },
        esb: { adapter: 'http', url: esbUrl, timeoutMs: TIMEOUT_MS },
      },
    );
    service = new MidplatService(config);
    const address = await service.start();
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  after(async () => {
    await service?.stop().catch(() => undefined);
    await esb?.stop();
    await server?.destroy();
  });

  it('is ready and serves while the database is up', async () => {
    expect(await readyz()).to.equal(200);
    expect((await upgrade('M0000000002')).status).to.equal(200);
    expect(esb.requests).to.have.length(1);
  });

  it('answers readyz 503 and the API 503 SERVICE_UNAVAILABLE (snake_case) during the outage, calling nobody', async () => {
    await server.stop();
    expect(await readyz()).to.equal(503);
    const reply = await upgrade('M0000000001');
    expect(reply.status).to.equal(503);
    expect(reply.body).to.deep.equal({
      success: false,
      error: { error_code: 'SERVICE_UNAVAILABLE', error_message: 'The database is unavailable; try again later' },
    });
    expect(esb.requests).to.have.length(1);
  });

  it('recovers by itself once the database is back, with nothing lost', async () => {
    await server.start();
    await readyAgain();
    // The decision taken before the outage survived it: a repeat is idempotent, no second DA21 call.
    expect((await upgrade('M0000000002')).status).to.equal(200);
    expect(esb.requests).to.have.length(1);
    expect((await upgrade('M0000000001')).status).to.equal(200);
    expect(esb.requests).to.have.length(2);
    expect(await eddaStatusOf('M0000000001')).to.equal('CustomerSuccess');
    expect(await eddaStatusOf('M0000000002')).to.equal('CustomerSuccess');
  });

  it('answers 503 when the database dies in the middle of a request and keeps nothing of it; the retry works once the claim expires', async () => {
    const answerDa21 = esb.holdReplies();
    const claimedFrom = Date.now();
    const inFlight = upgrade('M0000000005');
    await waitFor('the DA21 call', () => esb.requests.length === 3); // DA21 is being called, the decision claimed (SPEC 3)
    const claimedBy = Date.now();
    await server.stop();
    answerDa21(); // DA21 answers once the database is gone: the outcome cannot be recorded
    const reply = await inFlight;
    expect(reply.status).to.equal(503);
    expect(reply.body.error.error_code).to.equal('SERVICE_UNAVAILABLE');
    await server.start();
    await readyAgain();
    const claim = await upgradeClaimOf(databaseUrl, 'M0000000005');
    expect(claim.status).to.equal('EDDASuccess');
    expect(claim.decidingUntil!.getTime()).to.be.within(claimedFrom + CLAIM_MS - 1000, claimedBy + CLAIM_MS + 1000);
    // The outcome could not be recorded: the claim stands until it expires, then a retry takes it over.
    const early = await upgrade('M0000000005');
    expect([early.status, early.body.error?.error_code]).to.deep.equal([409, 'UPGRADE_IN_PROGRESS']);
    await expireUpgradeClaim(databaseUrl, 'M0000000005');
    const retried = await upgrade('M0000000005');
    expect(retried.status).to.equal(200);
    expect(await eddaStatusOf('M0000000005')).to.equal('CustomerSuccess');
    const transactionIds = esb.requests.slice(2).map((request) => (request.amheader as { TransactionID: string }).TransactionID);
    expect(transactionIds).to.have.length(2);
    expect(transactionIds[0]).to.equal(transactionIds[1]);
  });
});
