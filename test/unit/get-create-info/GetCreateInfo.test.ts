import { expect } from 'chai';
import { NoSearchCriteria } from '../../../core/get-create-info/errors.js';
import { GetCreateInfo, type GetCreateInfoQuery } from '../../../core/get-create-info/GetCreateInfo.js';
import { anApplication } from '../../support/ApplicationMother.js';
import { InMemoryApplicationRepository } from '../../support/InMemoryApplicationRepository.js';
import { rejectionOf } from '../../support/rejectionOf.js';

describe('GetCreateInfo', () => {
  let repository: InMemoryApplicationRepository;
  let getCreateInfo: GetCreateInfo;

  beforeEach(() => {
    repository = new InMemoryApplicationRepository();
    getCreateInfo = new GetCreateInfo(repository);
  });

  const queriesWithoutCriteria: GetCreateInfoQuery[] = [{}, { idno: '' }, { idno: '', phone: '', seqNo: '' }, { phone: '   ', seqNo: null }];
  for (const query of queriesWithoutCriteria) {
    it(`refuses ${JSON.stringify(query)} with VALIDATION_ERROR: at least one criterion is needed`, async () => {
      const error = await rejectionOf(getCreateInfo.execute(query), NoSearchCriteria);
      expect(error).to.be.instanceOf(NoSearchCriteria);
      expect(error.code).to.equal('VALIDATION_ERROR');
      expect((error as NoSearchCriteria).kind).to.equal('validation');
      expect(repository.criteriaSeen).to.deep.equal([]);
    });
  }

  it('drops absent and empty criteria and passes the others on together', async () => {
    await getCreateInfo.execute({ idno: 'A123456789', phone: '', seqNo: ' 0A80 ' });
    expect(repository.criteriaSeen).to.deep.equal([{ idno: 'A123456789', seqNo: '0A80' }]);
  });

  it('returns [] when nothing matches', async () => {
    repository.add(anApplication().withIdno('A123456789').build());
    expect(await getCreateInfo.execute({ idno: 'Z999999999' })).to.deep.equal([]);
  });

  it('returns interrupted and completed applications alike', async () => {
    const interrupted = anApplication().withIdno('A123456789').interruptedAt(4).build();
    const completed = anApplication().withIdno('A123456789').completed().build();
    repository.add(interrupted, completed);
    const found = await getCreateInfo.execute({ idno: 'A123456789' });
    expect(found.map((item) => item.seqNo).sort()).to.deep.equal([interrupted.seqNo, completed.seqNo].sort());
  });

  it('orders newest first by createDate, then createTime, then seqNo ascending', async () => {
    const app = (seqNo: string, date: string, time: string) => anApplication().withSeqNo(seqNo).withPhone('0911222333').createdAt(date, time).build();
    repository.add(
      app('S3', '2026-01-02', '09:00:00'),
      app('S1', '2026-01-03', '08:00:00'),
      app('S5', '2026-01-02', '10:00:00'),
      app('S4', '2026-01-02', '09:00:00'),
      app('S2', '2025-12-31', '23:59:59'),
    );
    const found = await getCreateInfo.execute({ phone: '0911222333' });
    expect(found.map((item) => item.seqNo)).to.deep.equal(['S1', 'S5', 'S3', 'S4', 'S2']);
  });

  it("puts in abnormalPid the sorted distinct national IDs, other than the application's own, used with its phone", async () => {
    const own = anApplication().withPhone('0922000000').withIdno('M100000000').build();
    repository.add(
      own,
      anApplication().withPhone('0922000000').withIdno('Z100000000').build(),
      anApplication().withPhone('0922000000').withIdno('B100000000').build(),
      anApplication().withPhone('0922000000').withIdno('Z100000000').build(),
      anApplication().withPhone('0922000000').withIdno('M100000000').build(),
      anApplication().withPhone('0933000000').withIdno('C100000000').build(),
    );
    const [found] = await getCreateInfo.execute({ seqNo: own.seqNo });
    expect(found!.abnormalPid).to.deep.equal(['B100000000', 'Z100000000']);
  });

  it('gives an application without a phone an empty abnormalPid', async () => {
    const noPhone = anApplication().withPhone(null).build();
    repository.add(noPhone, anApplication().withPhone(null).withIdno('Q100000000').build());
    const [found] = await getCreateInfo.execute({ seqNo: noPhone.seqNo });
    expect(found!.abnormalPid).to.deep.equal([]);
  });

  it('never returns the stored encrypted password (psd)', async () => {
    const application = anApplication().build();
    repository.add({ ...application, createDetails: application.createDetails.map((detail) => ({ ...detail, psd: 'ENCRYPTED' })) });
    const found = await getCreateInfo.execute({ seqNo: application.seqNo });
    expect(found[0]!.createDetails[0]).not.to.have.property('psd');
    expect(JSON.stringify(found)).not.to.include('ENCRYPTED');
  });
});
