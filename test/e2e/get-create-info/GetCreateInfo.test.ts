import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'chai';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { GetCreateInfoEndpoint } from '../../../adapters/http/get-create-info/GetCreateInfoEndpoint.js';
import type { ApplicationRecord, CreateInfoItem } from '../../../core/get-create-info/Application.js';
import { anApplication } from '../../support/ApplicationMother.js';
import { postJson } from '../../support/http.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const PATH = '/intranet/api/v1.0/createaccount/GetCreateInfo';
const CS = { acstkn: 'demo-cs-token' };

for (const kind of DATABASE_KINDS) {
  describe(`POST ${PATH} (${kind})`, function () {
    this.timeout(60000);
    let service: TestService;
    const call = (body: unknown, headers: Record<string, string> = CS) => postJson(`${service.baseUrl}${PATH}`, body, headers);
    const load = (...applications: ApplicationRecord[]) => service.service.container.get(FixtureLoader).load({ applications });

    before(async () => {
      service = await startTestService(kind);
    });
    after(async () => {
      await service?.stop();
    });

    it('answers 401 UNAUTHORIZED without an access token or with an unknown one', async () => {
      for (const headers of [{}, { acstkn: 'not-a-token' }] as Record<string, string>[]) {
        const response = await call({ idno: 'A123456789' }, headers);
        expect(response.status).to.equal(401);
        expect(response.body).to.deep.equal({ success: false, error: { errorCode: 'UNAUTHORIZED', errorMessage: response.body.error.errorMessage } });
      }
    });

    it('answers 403 FORBIDDEN to a consumer without createinfo:read', async () => {
      const response = await call({ idno: 'A123456789' }, { acstkn: 'demo-ivr-token' });
      expect(response.status).to.equal(403);
      expect(response.body.error.errorCode).to.equal('FORBIDDEN');
    });

    it('answers 400 VALIDATION_ERROR in the seed-001 form when no criterion is given', async () => {
      for (const body of [{}, { idno: '', phone: '', seqNo: '' }, { phone: null }]) {
        const response = await call(body);
        expect(response.status, JSON.stringify(body)).to.equal(400);
        expect(response.body.success).to.equal(false);
        expect(response.body.error.errorCode).to.equal('VALIDATION_ERROR');
        expect(response.body.error.errorMessage).to.match(/idno, phone, seqNo/);
      }
    });

    it('answers 400 VALIDATION_ERROR naming the field for a wrong type or an unknown field', async () => {
      const wrongType = await call({ idno: 123456789 });
      expect(wrongType.status).to.equal(400);
      expect(wrongType.body.error).to.deep.equal({ errorCode: 'VALIDATION_ERROR', errorMessage: wrongType.body.error.errorMessage });
      expect(wrongType.body.error.errorMessage).to.match(/^idno/);
      const unknown = await call({ idno: 'A123456789', memberId: 'M1' });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.errorMessage).to.match(/^memberId/);
    });

    it('answers data: [] when nothing matches', async () => {
      const response = await call({ idno: 'Z999999999' });
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({ success: true, data: [] });
    });

    it('combines the given criteria with AND and ignores empty ones', async () => {
      const a = anApplication().withIdno('E100000001').withPhone('0955000001').build();
      const b = anApplication().withIdno('E100000001').withPhone('0955000002').build();
      await load(a, b);
      const seqNos = async (body: object) => ((await call(body)).body.data as CreateInfoItem[]).map((item) => item.seqNo).sort();
      expect(await seqNos({ idno: 'E100000001' })).to.deep.equal([a.seqNo, b.seqNo].sort());
      expect(await seqNos({ idno: 'E100000001', phone: '0955000002', seqNo: '' })).to.deep.equal([b.seqNo]);
      expect(await seqNos({ idno: 'E100000001', seqNo: b.seqNo, phone: '0955000001' })).to.deep.equal([]);
      expect(await seqNos({ seqNo: a.seqNo })).to.deep.equal([a.seqNo]);
    });

    it('returns interrupted and completed applications newest first (createDate, createTime desc, then seqNo)', async () => {
      const phone = '0955000003';
      const apps = [
        anApplication().withSeqNo('E2E-ORDER-3').withPhone(phone).createdAt('2026-03-01', '09:00:00').interruptedAt(4).build(),
        anApplication().withSeqNo('E2E-ORDER-1').withPhone(phone).createdAt('2026-03-02', '08:00:00').completed().build(),
        anApplication().withSeqNo('E2E-ORDER-2').withPhone(phone).createdAt('2026-03-01', '10:00:00').interruptedAt(7).build(),
        anApplication().withSeqNo('E2E-ORDER-4').withPhone(phone).createdAt('2026-03-01', '09:00:00').completed().build(),
      ];
      await load(...apps);
      const response = await call({ phone });
      expect((response.body.data as CreateInfoItem[]).map((item) => [item.seqNo, item.status])).to.deep.equal([
        ['E2E-ORDER-1', 'L1'],
        ['E2E-ORDER-2', 'L0'],
        ['E2E-ORDER-3', 'L0'],
        ['E2E-ORDER-4', 'L1'],
      ]);
    });

    it('returns items that match the documented response schema (types, formats, shapes) and never psd', async () => {
      const application = anApplication().withIdno('E100000005').completed().withReviewFlag().withResend('FINANCIAL_PROOF', ['img-a', 'img-b']).build();
      await load(application);
      const response = await call({ idno: 'E100000005' });
      const endpoint = service.service.container.getAll<unknown>(Symbol.for('JsonEndpoint')).find((e) => e instanceof GetCreateInfoEndpoint) as GetCreateInfoEndpoint;
      const validate = addFormats(new Ajv({ strict: false })).compile(endpoint.responseDataSchema);
      expect(validate(response.body.data), JSON.stringify(validate.errors)).to.equal(true);
      expect(response.body.data[0].createDetails[0]).not.to.have.property('psd');
      const { abnormalPid, ...rest } = response.body.data[0];
      expect(rest).to.deep.equal(application);
      expect(abnormalPid).to.deep.equal([]);
    });

    it('does not write national IDs, phone numbers or names to the logs', async () => {
      // The person exists, so the answer carries their data; a refused request carries it too.
      await load(anApplication().withIdno('E100000777').withPhone('0955000777').withName('吳佩蓉').completed().build());
      const found = await call({ idno: 'E100000777', phone: '0955000777' });
      expect(found.status).to.equal(200);
      expect(JSON.stringify(found.body.data)).to.include('E100000777').and.include('0955000777').and.include('吳佩蓉');
      const refused = await call({ idno: 'E100000777', phone: '0955000777', name: '吳佩蓉' });
      expect(refused.status).to.equal(400);
      const logs = JSON.stringify(service.logs);
      expect(logs).to.include(PATH);
      for (const secret of ['E100000777', '0955000777', '吳佩蓉']) expect(logs).not.to.include(secret);
    });
  });
}

describe(`POST ${PATH} on the demo data`, function () {
  this.timeout(60000);
  let service: TestService;

  before(async () => {
    service = await startTestService('sqlite', { demo: { loadOnStart: true } });
  });
  after(async () => {
    await service?.stop();
  });

  it("answers the endpoint's example with the demo applications", async () => {
    const endpoint = service.service.container.getAll<unknown>(Symbol.for('JsonEndpoint')).find((e) => e instanceof GetCreateInfoEndpoint) as GetCreateInfoEndpoint;
    const response = await postJson(`${service.baseUrl}${PATH}`, endpoint.example, CS);
    expect(response.status).to.equal(200);
    expect(response.body.data.length).to.be.greaterThan(0);
  });

  it('holds an application interrupted at step 4, a completed one, resends with a financial proof, full review flags, tax residences and teller records', async () => {
    const all: CreateInfoItem[] = [];
    for (const idno of ['A123456789', 'B223456780', 'C123987654', 'D298765432']) {
      all.push(...(await postJson(`${service.baseUrl}${PATH}`, { idno }, CS)).body.data);
    }
    const interruptedAt4 = all.filter((app) => app.stepBreakPoint?.step03State && !app.stepBreakPoint.step04State);
    expect(interruptedAt4.length).to.be.greaterThan(0);
    expect(all.some((app) => app.stepBreakPoint?.step11State && app.tellerCheckRecords.length > 0)).to.equal(true);
    const financial = all.flatMap((app) => app.documentResends).find((resend) => resend.category === 'FINANCIAL_PROOF');
    expect(financial!.resendContent.length).to.be.greaterThan(0);
    const flags = all.flatMap((app) => app.manualReviewFlags);
    expect(flags.some((flag) => flag.amlFlagDetail && flag.ocrFlagDetail && flag.z21FlagDetail && flag.z22FlagDetail)).to.equal(true);
    expect(flags.some((flag) => flag.payTaxes.length > 0)).to.equal(true);
    expect(all.find((app) => app.idno === 'A123456789')!.abnormalPid).to.deep.equal(['C123987654']);
  });
});
