import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { postJson } from '../../support/http.js';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { bankDataCollidingWithTheDemo, customerCheck } from '../../support/productionFixtures.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';

const GET_CREATE_INFO = '/intranet/api/v1.0/createaccount/GetCreateInfo';

/** `npm start` with neither MIDPLAT_CONFIG nor DATABASE_URL: the README's demo (SPEC 2.2.1). */
describe('the embedded demo (real process, no MIDPLAT_CONFIG, no DATABASE_URL)', function () {
  this.timeout(120000);
  let folder: string;
  let service: ServiceProcess | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'midplat-demo-'));
  });
  afterEach(async () => {
    await service?.kill();
    service = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the README demo: demo tokens, demo institutions, demo data', async () => {
    service = ServiceProcess.spawnDemo(folder);
    const baseUrl = await service.listening();
    expect(service.logs.map((line) => line.msg)).to.include('demo data loaded');
    const found = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { idno: 'A123456789' }, { acstkn: 'demo-cs-token' });
    expect(found.body.data.map((item: { status: string }) => item.status)).to.deep.equal(['L1', 'L0']);
    const customer = await customerCheck(baseUrl, 'demo-billing-api-key-00001', '200001');
    expect([customer.field('RespCode'), customer.field('customerName')]).to.deep.equal(['AAAAAAA', '吉&#134071;']);
    const upgrade = await postJson(
      `${baseUrl}/ap1/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount`,
      { memberId: 'M0000000001', isPass: true },
      { acstkn: 'demo-ivr-token' },
    );
    expect(upgrade.body).to.deep.equal({ success: true, data: {} });
  });

  it('starts on a database that already holds data sharing keys with the demo, changing none of it, and a restart changes nothing', async () => {
    const bank = bankDataCollidingWithTheDemo();
    writeFileSync(join(folder, 'bank.json'), JSON.stringify(bank.fixture));
    const seeded = await runMidplatScript('seed', [join(folder, 'bank.json')], { env: midplatEnv(undefined), cwd: folder });
    expect(seeded.code, seeded.stderr).to.equal(0);
    for (let run = 0; run < 2; run += 1) {
      service = ServiceProcess.spawnDemo(folder);
      const baseUrl = await service.listening();
      const own = await customerCheck(baseUrl, 'demo-billing-api-key-00001', '123456');
      expect([own.field('customerAddress'), own.field('totalPayCount')]).to.deep.equal(['上海市浦东新区世纪大道100号', '1']);
      // The rest of the demo is there; the demo application whose child keys the bank's holds is skipped.
      expect((await customerCheck(baseUrl, 'demo-billing-api-key-00001', '200001')).field('RespCode')).to.equal('AAAAAAA');
      const ours = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { seqNo: bank.applicationSeqNo }, { acstkn: 'demo-cs-token' });
      expect(ours.body.data.map((item: { idno: string }) => item.idno)).to.deep.equal(['Z100000001']);
      const demo = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { idno: 'A123456789' }, { acstkn: 'demo-cs-token' });
      expect(demo.body.data.map((item: { status: string }) => item.status)).to.deep.equal(['L0']);
      const member = await postJson(
        `${baseUrl}/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount`,
        { memberId: 'M0000000001', isPass: true },
        { acstkn: 'demo-ivr-token' },
      );
      // The bank's M0000000001 is New, not the demo's EDDASuccess.
      expect(member.body.error.error_code).to.equal('EDDA_NOT_VERIFIED');
      service.child.kill('SIGTERM');
      expect(await service.exited).to.deep.equal({ code: 0, signal: null });
      service = undefined;
    }
  });
});
