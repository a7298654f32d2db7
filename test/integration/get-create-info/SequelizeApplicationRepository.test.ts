import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { ApplicationRecord } from '../../../core/get-create-info/Application.js';
import { UnitOfWork } from '../../../core/shared/UnitOfWork.js';
import { GetCreateInfo } from '../../../core/get-create-info/GetCreateInfo.js';
import { ApplicationRepository } from '../../../core/get-create-info/ports.js';
import { Database } from '../../../adapters/persistence/Database.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { runStatement } from '../../../adapters/persistence/selectRows.js';
import { InvalidFixture } from '../../../adapters/persistence/fixtures/InvalidFixture.js';
import { anApplication } from '../../support/ApplicationMother.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { rejectionOf } from '../../support/rejectionOf.js';

for (const kind of DATABASE_KINDS) {
  describe(`SequelizeApplicationRepository (${kind})`, function () {
    this.timeout(60000);
    let service: TestService;
    let load: (applications: ApplicationRecord[]) => Promise<unknown>;
    let getCreateInfo: GetCreateInfo;
    let repository: ApplicationRepository;
    let sql: (statement: string, replacements?: unknown[]) => Promise<Record<string, unknown>[]>;

    before(async () => {
      service = await startTestService(kind);
      const { container } = service.service;
      load = (applications) => container.get(FixtureLoader).load({ applications });
      getCreateInfo = container.get(GetCreateInfo);
      repository = container.get<ApplicationRepository>(ApplicationRepository);
      const database = container.get(Database);
      sql = (statement, replacements = []) =>
        database.sequelize.query<Record<string, unknown>>(statement, { type: QueryTypes.SELECT, replacements });
    });
    after(async () => {
      await service?.stop();
    });

    it('reads an interrupted and a completed application back exactly as loaded', async () => {
      const interrupted = anApplication().withIdno('A100000001').interruptedAt(4).build();
      const completed = anApplication().withIdno('A100000002').completed().withReviewFlag().withResend('FIRST_CERTIFICATE', ['OCR1234894894994']).build();
      await load([interrupted, completed]);
      for (const application of [interrupted, completed]) {
        const [found] = await getCreateInfo.execute({ seqNo: application.seqNo });
        const { abnormalPid, ...rest } = found!;
        expect(rest).to.deep.equal(application);
        expect(abnormalPid).to.be.an('array');
      }
    });

    it('resolves FINANCIAL_PROOF content through ResendToFinancialMapping, skipping deleted mappings', async () => {
      const application = anApplication()
        .withIdno('A100000003')
        .withResend('FINANCIAL_PROOF', ['imageId00001', 'imageId00002', 'imageId00003'])
        .withResend('EDD', ['EDD-SURVEY-77'])
        .build();
      await load([application]);
      const [financial] = application.documentResends;
      const mappings = await sql('SELECT seq_no, file_id FROM resend_to_financial_mapping WHERE document_resend_seq_no = ? ORDER BY seq_no', [financial!.seqNo]);
      expect(mappings).to.have.length(3);
      const statements = await sql('SELECT image_id FROM financial_statement WHERE file_id IN (?) ORDER BY file_id', [mappings.map((m) => m.file_id)]);
      expect(statements.map((s) => s.image_id)).to.deep.equal(['imageId00001', 'imageId00002', 'imageId00003']);
      expect((await sql('SELECT resend_content FROM document_resend WHERE seq_no = ?', [financial!.seqNo]))[0]!.resend_content).to.equal(null);

      await service.service.database.sequelize.query('UPDATE resend_to_financial_mapping SET is_delete = ? WHERE seq_no = ?', {
        replacements: [true, mappings[1]!.seq_no],
      });
      const [found] = await getCreateInfo.execute({ seqNo: application.seqNo });
      expect(found!.documentResends.map((resend) => resend.resendContent)).to.deep.equal([['imageId00001', 'imageId00003'], ['EDD-SURVEY-77']]);
    });

    it('stores special as a bit mask and returns the names of the known bits set', async () => {
      const application = anApplication().withIdno('A100000004').withReviewFlag({ special: ['NextUserLoan'] }).withReviewFlag({ special: [] }).build();
      await load([application]);
      const [withBit, without] = application.manualReviewFlags;
      const masks = await sql('SELECT seq_no, special FROM manual_review_flag WHERE create_master_seq_no = ? ORDER BY seq_no', [application.seqNo]);
      expect(masks.map((row) => Number(row.special))).to.deep.equal([1, 0]);

      await service.service.database.sequelize.query('UPDATE manual_review_flag SET special = 3 WHERE seq_no = ?', { replacements: [without!.seqNo] });
      const [found] = await getCreateInfo.execute({ seqNo: application.seqNo });
      expect(found!.manualReviewFlags.map((flag) => [flag.seqNo, flag.special])).to.deep.equal([
        [withBit!.seqNo, ['NextUserLoan']],
        [without!.seqNo, ['NextUserLoan']],
      ]);
    });

    it('gives flag details their flag seqNo, holds it in aml/ocr/z22, and returns a missing detail as null', async () => {
      const application = anApplication()
        .withIdno('A100000005')
        .withReviewFlag()
        .withReviewFlag({ amlFlagDetail: null, aml: null, z21FlagDetail: null })
        .build();
      await load([application]);
      const [found] = await getCreateInfo.execute({ seqNo: application.seqNo });
      const [full, partial] = found!.manualReviewFlags;
      for (const detail of [full!.amlFlagDetail, full!.ocrFlagDetail, full!.z21FlagDetail, full!.z22FlagDetail]) {
        expect(detail!.seqNo).to.equal(full!.seqNo);
      }
      expect([full!.aml, full!.ocr, full!.z22]).to.deep.equal([full!.seqNo, full!.seqNo, full!.seqNo]);
      expect(partial!.amlFlagDetail).to.equal(null);
      expect(partial!.z21FlagDetail).to.equal(null);
      expect(partial!.aml).to.equal(null);
      expect(partial!.ocr).to.equal(partial!.seqNo);
      expect(full!.ocrFlagDetail!.createMasterSeqNo).to.equal(application.seqNo);
    });

    it('keeps psd in storage but never returns it', async () => {
      const application = anApplication().withIdno('A100000006').build();
      await load([application]);
      await service.service.database.sequelize.query('UPDATE create_detail SET psd = ? WHERE create_master_seq_no = ?', {
        replacements: ['$2b$12$encryptedpasswordhash', application.seqNo],
      });
      const [stored] = await repository.findMatching({ seqNo: application.seqNo });
      expect(stored!.createDetails[0]!.psd).to.equal('$2b$12$encryptedpasswordhash');
      const found = await getCreateInfo.execute({ seqNo: application.seqNo });
      expect(JSON.stringify(found)).not.to.include('psd');
      expect(JSON.stringify(found)).not.to.include('encryptedpasswordhash');
    });

    it('lists the other national IDs that used the same phone as abnormalPid, sorted and distinct', async () => {
      const phone = '0977000111';
      const own = anApplication().withPhone(phone).withIdno('F100000007').build();
      const others = [
        anApplication().withPhone(phone).withIdno('C100000009').build(),
        anApplication().withPhone(phone).withIdno('B100000008').build(),
        anApplication().withPhone(phone).withIdno('C100000009').build(),
        anApplication().withPhone(phone).withIdno('F100000007').build(),
        anApplication().withPhone('0977000112').withIdno('D100000010').build(),
      ];
      await load([own, ...others]);
      const [found] = await getCreateInfo.execute({ seqNo: own.seqNo });
      expect(found!.abnormalPid).to.deep.equal(['B100000008', 'C100000009']);
    });

    it('matches all given criteria (AND) on idno, phone and seqNo', async () => {
      const a = anApplication().withIdno('G100000011').withPhone('0966000001').build();
      const b = anApplication().withIdno('G100000011').withPhone('0966000002').build();
      await load([a, b]);
      const seqNos = async (query: object) => (await repository.findMatching(query)).map((app) => app.seqNo).sort();
      expect(await seqNos({ idno: 'G100000011' })).to.deep.equal([a.seqNo, b.seqNo].sort());
      expect(await seqNos({ idno: 'G100000011', phone: '0966000002' })).to.deep.equal([b.seqNo]);
      expect(await seqNos({ idno: 'G100000011', seqNo: a.seqNo })).to.deep.equal([a.seqNo]);
      expect(await seqNos({ phone: '0966000001', seqNo: b.seqNo })).to.deep.equal([]);
    });

    it('reads the graph of 50 matches in as many queries as the graph of 1', async () => {
      const one = anApplication().withIdno('H100000012').withReviewFlag().withResend('FINANCIAL_PROOF', ['img-1']).completed().build();
      const many = Array.from({ length: 50 }, () =>
        anApplication().withIdno('H100000013').withReviewFlag().withReviewFlag().withResend('FINANCIAL_PROOF', ['img-1', 'img-2']).withResend('EDD', ['e']).completed().build(),
      );
      await load([one, ...many]);
      const count = async (idno: string) => {
        service.queries.length = 0;
        const found = await getCreateInfo.execute({ idno });
        // The service's outbox worker polls in its own transactions on its own schedule;
        // its statements (and any transaction control, which this read never uses) are not this read's.
        const reads = service.queries.filter(
          (sql) => !sql.includes('outbox_messages') && !/\b(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SET SESSION TRANSACTION)\b/i.test(sql),
        );
        return { found: found.length, queries: reads.length };
      };
      const single = await count('H100000012');
      const fifty = await count('H100000013');
      expect(single.found).to.equal(1);
      expect(fifty.found).to.equal(50);
      expect(fifty.queries).to.equal(single.queries);
      // masters with step break points, 6 child lists, the phone look-up for abnormalPid
      expect(single.queries).to.be.at.most(8);
    });

    it('reads inside a unit of work on its connection, seeing the unit\'s own writes', async () => {
      const unitOfWork = service.service.container.get<UnitOfWork>(UnitOfWork);
      const database = service.service.container.get(Database);
      const application = anApplication().withIdno('K100000016').withReviewFlag().build();
      await load([application]);
      const seenInside = await unitOfWork
        .run(async () => {
          await runStatement(database, 'UPDATE create_master SET name = ? WHERE seq_no = ?', ['改名之后', application.seqNo]);
          const found = await repository.findMatching({ idno: 'K100000016' });
          throw Object.assign(new Error('roll back'), { found });
        })
        .catch((error: { found?: unknown }) => error.found);
      expect((seenInside as { name: string }[]).map((app) => app.name)).to.deep.equal(['改名之后']);
      expect((await repository.findMatching({ idno: 'K100000016' })).map((app) => app.name)).to.deep.equal([application.name]);
    });

    it('reads inside a fixture\'s model transaction on its connection, seeing the fixture\'s writes', async () => {
      const database = service.service.container.get(Database);
      const application = anApplication().withIdno('K100000028').withReviewFlag().build();
      const seenInside = await database
        .inModelTransaction(async () => {
          await load([application]);
          const found = await repository.findMatching({ idno: 'K100000028' });
          throw Object.assign(new Error('roll back'), { found });
        })
        .catch((error: { found?: unknown }) => error.found);
      expect((seenInside as { seqNo: string }[]).map((app) => app.seqNo)).to.deep.equal([application.seqNo]);
      expect(await repository.findMatching({ idno: 'K100000028' })).to.deep.equal([]);
    });

    it('with replace, replaces an application loaded again under the same seqNo, graph and all', async () => {
      const first = anApplication().withIdno('K100000017').withReviewFlag().withResend('FINANCIAL_PROOF', ['old-1', 'old-2']).completed().build();
      await load([first]);
      const second: ApplicationRecord = {
        ...first,
        name: '王大明',
        documentResends: [{ ...first.documentResends[0]!, resendContent: ['new-1'] }],
        manualReviewFlags: [],
        tellerCheckRecords: [],
      };
      await service.service.container.get(FixtureLoader).load({ applications: [second] }, 'replace');
      const [found] = await getCreateInfo.execute({ seqNo: first.seqNo });
      expect(found).to.deep.equal({ ...second, abnormalPid: found!.abnormalPid });
      const leftovers = await sql('SELECT COUNT(*) AS n FROM pay_taxes WHERE manual_review_flag_seq_no = ?', [first.manualReviewFlags[0]!.seqNo]);
      expect(Number(leftovers[0]!.n)).to.equal(0);
    });

    it("fills in children's createMasterSeqNo and the detail seqNos a fixture leaves out, and refuses wrong ones", async () => {
      const application = anApplication().withIdno('K100000018').withReviewFlag().withTellerRecord('APPROVED').build();
      const bare = JSON.parse(JSON.stringify(application)) as Record<string, any>;
      for (const list of ['createDetails', 'manualReviewFlags', 'tellerCheckRecords']) for (const child of bare[list]) delete child.createMasterSeqNo;
      delete bare.manualReviewFlags[0].amlFlagDetail.seqNo;
      delete bare.manualReviewFlags[0].ocrFlagDetail.createMasterSeqNo;
      await service.service.container.get(FixtureLoader).load({ applications: [bare] });
      const [found] = await getCreateInfo.execute({ seqNo: application.seqNo });
      expect(found).to.deep.equal({ ...application, abnormalPid: found!.abnormalPid });

      const wrong = anApplication().withIdno('K100000019').build();
      wrong.createDetails[0]!.createMasterSeqNo = 'SOMEONE-ELSE';
      const error = await rejectionOf(load([wrong]), InvalidFixture);
      expect(error.message).to.include("createMasterSeqNo must be the application's seqNo");
    });

    it('refuses a fixture whose flag key fields do not match its details, writing nothing', async () => {
      const application = anApplication().withIdno('J100000014').withReviewFlag({ aml: null }).build();
      const error = await rejectionOf(load([application]), InvalidFixture);
      expect(error.message).to.include('aml must be');
      expect(await repository.findMatching({ seqNo: application.seqNo })).to.deep.equal([]);
    });

    it('refuses children out of seqNo order, since they read back in seqNo order', async () => {
      const application = anApplication().withIdno('J100000015').withResend('EDD', ['a']).withResend('EDD', ['b']).build();
      application.documentResends.reverse();
      const error = await rejectionOf(load([application]), InvalidFixture);
      expect(error.message).to.include('ascending seqNo order');
    });
  });
}
