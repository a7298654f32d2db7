import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { expireUpgradeClaim, upgradeClaimOf } from '../../support/upgradeClaim.js';
import { waitFor } from '../../support/waitFor.js';
import { aMemberFixture } from '../../support/MemberMother.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const IVR_TOKEN = 'crash-test-ivr-token';
const IVR = { acstkn: IVR_TOKEN };
/** A decision's claim lasts timeoutMs + 2 s: far longer than a process restart on a loaded machine. */
const TIMEOUT_MS = 30000;
const CLAIM_MS = TIMEOUT_MS + 2000;

/** kill -9 of the real process (`node dist/scripts/start.js`) between the claim and the record of a decision. */
describe('UpgradeAccount after a crash between claim and record (e2e, child process)', function () {
  this.timeout(60000);
  let esb: FakeEsbServer;
  let folder: string;
  let databaseUrl: string;
  const processes: ServiceProcess[] = [];

  const spawn = () => {
    const service = ServiceProcess.spawn({
      http: { port: 0 },
      database: { url: databaseUrl },
      log: { level: 'info' },
      auth: { consumers: [{ name: 'ivr', tokenSha256: createHash('sha256').update(IVR_TOKEN).digest('hex'), scopes: ['upgrade:write'] }] },
      esb: { adapter: 'http', url: esbUrl, timeoutMs: TIMEOUT_MS },
    });
    processes.push(service);
    return service;
  };
  let esbUrl: string;

  before(async () => {
    esb = new FakeEsbServer();
    esbUrl = await esb.start();
    folder = mkdtempSync(join(tmpdir(), 'midplat-crash-'));
    databaseUrl = `sqlite:${join(folder, 'midplat.sqlite')}`;
    // Production mode: the member comes from the real seed script, never from demo data.
    const fixture = join(folder, 'members.json');
    writeFileSync(fixture, JSON.stringify({ members: [aMemberFixture({ memberId: 'M0000000001', accountId: 'AA19337Z8L29' })] }));
    const seeded = await runMidplatScript('seed', [fixture], { env: midplatEnv(undefined, { DATABASE_URL: databaseUrl }) });
    expect(seeded.code, seeded.stderr).to.equal(0);
  });
  after(async () => {
    for (const service of processes) await service.kill();
    await esb.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('leaves a claim that expires; the retry then reuses the TransactionID and makes exactly one more DA21 call', async () => {
    const first = spawn();
    const firstUrl = await first.listening();
    esb.behaviour = { kind: 'hang' };
    const claimedFrom = Date.now();
    void postJson(`${firstUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR).catch(() => undefined);
    await waitFor('the DA21 call', () => esb.requests.length === 1); // claimed, DA21 in flight
    const claimedBy = Date.now();
    await first.kill(); // SIGKILL: nothing after the claim runs

    const claimed = await upgradeClaimOf(databaseUrl, 'M0000000001');
    expect(claimed.status).to.equal('EDDASuccess');
    expect(claimed.decidingUntil!.getTime()).to.be.within(claimedFrom + CLAIM_MS - 1000, claimedBy + CLAIM_MS + 1000);
    const firstId = (esb.requests[0]!.amheader as { TransactionID: string }).TransactionID;
    expect(claimed.esbTransactionId).to.equal(firstId);

    esb.behaviour = { kind: 'success' };
    const second = spawn();
    const secondUrl = await second.listening();
    const early = await postJson(`${secondUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR);
    // The claim outlives the restart.
    expect([early.status, early.body.error?.error_code]).to.deep.equal([409, 'UPGRADE_IN_PROGRESS']);
    expect(esb.requests).to.have.length(1);
    await expireUpgradeClaim(databaseUrl, 'M0000000001');
    const retried = await postJson(`${secondUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(200);
    expect(esb.requests.map((request) => (request.amheader as { TransactionID: string }).TransactionID)).to.deep.equal([firstId, firstId]);
    const repeat = await postJson(`${secondUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR);
    expect(repeat.status).to.equal(200);
    expect(esb.requests).to.have.length(2);
    expect(await upgradeClaimOf(databaseUrl, 'M0000000001')).to.deep.include({ status: 'CustomerSuccess', decidingUntil: null });
  });
});
