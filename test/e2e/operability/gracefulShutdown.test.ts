import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { waitFor } from '../../support/waitFor.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const IVR_TOKEN = 'shutdown-test-ivr-token';

/** SIGTERM to the real process (`node dist/scripts/start.js`) while a request waits on the ESB. */
describe('graceful shutdown on SIGTERM (e2e, child process)', function () {
  this.timeout(60000);
  let esb: FakeEsbServer;
  let service: ServiceProcess;
  let folder: string;

  before(async () => {
    esb = new FakeEsbServer();
    const esbUrl = await esb.start();
    const written = ServiceProcess.writeConfig({
      http: { port: 0, shutdownGraceMs: 10000 },
      log: { level: 'info' },
      auth: { consumers: [{ name: 'ivr', tokenSha256: createHash('sha256').update(IVR_TOKEN).digest('hex'), scopes: ['upgrade:write'] }] },
      esb: { adapter: 'http', url: esbUrl, timeoutMs: 10000 },
    });
    folder = written.folder;
    const fixture = join(folder, 'members.json');
    writeFileSync(fixture, JSON.stringify({ members: [aMemberFixture({ memberId: 'M0000000001', accountId: 'AA19337Z8L29' })] }));
    const seeded = await runMidplatScript('seed', [fixture], { env: midplatEnv(written.configFile) });
    expect(seeded.code, seeded.stderr).to.equal(0);
    service = ServiceProcess.spawnWithConfigFile(written.configFile);
  });
  after(async () => {
    await service?.kill();
    await esb?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('finishes the in-flight request with 200, refuses new connections, and exits 0', async () => {
    const baseUrl = await service.listening();
    // DA21 answers only once the shutdown is under way, so the request is in flight through it.
    const answerDa21 = esb.holdReplies();
    let answered = false;
    const inFlight = postJson(`${baseUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, { acstkn: IVR_TOKEN }).finally(() => (answered = true));
    await waitFor('the upgrade to be inside DA21', () => esb.requests.length === 1);

    service.child.kill('SIGTERM');
    await service.logLine((line) => line.msg === 'no longer accepting connections');
    const refused = await fetch(`${baseUrl}/healthz`).then(
      () => undefined,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).to.equal('ECONNREFUSED');
    expect(answered, 'the upgrade was answered before DA21 was').to.equal(false);

    answerDa21();
    const reply = await inFlight;
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    expect(reply.body).to.deep.equal({ success: true, data: {} });
    expect(await service.exited).to.deep.equal({ code: 0, signal: null });
    expect(service.logs.map((line) => line.msg)).to.include('stopped');
  });
});
